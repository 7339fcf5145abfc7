using Inspections.Capture.Contracts;

namespace Inspections.Capture.Client.Services;

/// <summary>The day's reference data: fetched when online, otherwise the copy saved on the device.</summary>
public sealed class CaptureState(LocalStore store, CaptureApi api, SyncService sync)
{
    public CaptureBootstrap? Bootstrap { get; private set; }

    public List<Assignment> Today { get; private set; } = [];

    /// <summary>True when the last refresh could not reach the server and the cached copy is shown.</summary>
    public bool FromCache { get; private set; }

    public bool Loaded { get; private set; }

    public async Task LoadAsync(bool refresh = true)
    {
        if (Loaded && !refresh)
        {
            return;
        }
        Bootstrap ??= await store.GetAsync<CaptureBootstrap>("bootstrap");
        Today = await store.GetAsync<List<Assignment>>("today") ?? Today;
        FromCache = true;
        if (refresh)
        {
            var boot = await api.BootstrapAsync();
            if (boot.Unauthorized)
            {
                sync.MarkSignedOut();
            }
            if (boot.Ok)
            {
                Bootstrap = boot.Value;
                await store.SetAsync("bootstrap", boot.Value);
                var date = DateOnly.FromDateTime(DateTime.Now);
                var today = await api.TodayAsync(date);
                if (today.Ok)
                {
                    Today = today.Value!;
                    await store.SetAsync("today", Today);
                    FromCache = false;
                }
            }
        }
        Loaded = true;
    }

    public CaptureSettings Settings => Bootstrap?.Settings ?? new CaptureSettings(200, 2048, 10_000_000);

    public IReadOnlyList<TeamOfficer> Officers => Bootstrap?.Officers ?? [];

    public ChecklistPackDto? PackFor(VisitDraft visit) =>
        Bootstrap?.Packs.FirstOrDefault(p => visit.PackId is { } id ? p.Id == id : p.VenueType == visit.Venue.Type)
        ?? Bootstrap?.Packs.FirstOrDefault(p => p.VenueType == visit.Venue.Type);

    /// <summary>The pack's items of the departments present (the officers on the team); a re-inspection checks its items only.</summary>
    public IReadOnlyList<ChecklistItemDto> ItemsFor(VisitDraft visit)
    {
        var pack = PackFor(visit);
        if (pack is null)
        {
            return [];
        }
        var departments = Officers.Where(o => visit.OfficerIds.Contains(o.Id)).Select(o => o.DepartmentKind).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = pack.Items.Where(i => departments.Contains(i.DepartmentKind));
        if (visit.Kind == VisitKind.Reinspection && visit.ReinspectionItemCodes.Count > 0)
        {
            items = items.Where(i => visit.ReinspectionItemCodes.Contains(i.Code, StringComparer.OrdinalIgnoreCase));
        }
        return items.OrderBy(i => i.SortOrder).ToList();
    }

    public async Task<VisitDraft> StartVisitAsync(VenueCard venue, Assignment? assignment)
    {
        var me = Bootstrap?.User.OfficerId;
        var officers = assignment?.TeamOfficerIds.ToList() ?? [];
        if (officers.Count == 0 && me is { } id)
        {
            officers.Add(id);
        }
        var visit = new VisitDraft
        {
            Id = Guid.NewGuid(),
            Status = VisitStatus.Draft,
            Venue = venue,
            Kind = assignment?.Kind ?? VisitKind.AdHoc,
            PlannedVisitId = assignment?.PlannedVisitId,
            ReinspectionOfNoticeId = assignment?.ReinspectionOfNoticeId,
            ReinspectionItemCodes = assignment?.ReinspectionItemCodes.ToList() ?? [],
            OfficerIds = officers,
            StartedAt = DateTimeOffset.Now,
        };
        var pack = PackFor(visit);
        visit.PackId = pack?.Id;
        visit.PackVersion = pack?.Version ?? 0;
        await store.SaveVisitAsync(visit);
        return visit;
    }
}
