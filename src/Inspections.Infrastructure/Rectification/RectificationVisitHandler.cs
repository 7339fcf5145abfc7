using Inspections.Domain.Capture;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Rectification;

/// <summary>
/// Runs inside the visit submission's transaction. An ordinary visit with failed items gets one draft notice per
/// department kind (issued by that department of the officers present, else the street's department of that kind); a
/// re-inspection visit of a notice records the outcome of each item under rectification (passed → rectified; failed,
/// not applicable or not checked → not rectified) and so closes or escalates the notice. The inspection record needs no
/// row: it is rendered from the visit itself.
/// </summary>
public sealed class RectificationVisitHandler(
    VisitSubmittedContext context,
    IOptionsMonitor<RectificationOptions> options,
    TimeProvider clock) : IVisitSubmittedHandler
{
    private (Guid VisitId, DraftInputs Inputs)? _prepared;

    public bool AppliesTo(Visit visit) =>
        visit.Kind == VisitKind.Reinspection ? visit.ReinspectionOfNoticeId is not null : visit.Items.Any(i => i.Outcome == ItemOutcome.Fail);

    /// <summary>Reads what drafting needs (venue, checklist items, issuing departments) before the visit is queued.</summary>
    public async Task PrepareAsync(Visit visit, InspectionsDbContext db, CancellationToken ct)
    {
        if (visit.Kind != VisitKind.Reinspection && visit.Items.Any(i => i.Outcome == ItemOutcome.Fail))
        {
            _prepared = (visit.Id, await ReadDraftInputsAsync(visit, db, ct));
        }
    }

    public async Task OnVisitSubmittedAsync(Guid visitId, InspectionsDbContext db, CancellationToken ct)
    {
        // The sync service hands over the visit it has just written (with its items): no need to read it back.
        var visit = (context.Visit?.Id == visitId ? context.Visit : null)
                    ?? db.Set<Visit>().Local.FirstOrDefault(v => v.Id == visitId)
                    ?? await db.Set<Visit>().IgnoreQueryFilters().Include(v => v.Items).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return;
        }
        if (visit.Kind == VisitKind.Reinspection && visit.ReinspectionOfNoticeId is { } noticeId)
        {
            await ReinspectAsync(visit, noticeId, db, ct);
            return;
        }
        var inputs = _prepared is { } p && p.VisitId == visit.Id ? p.Inputs : null;
        foreach (var id in await DraftAsync(visit, db, options.CurrentValue, ct, inputs))
        {
            context.AddNotice(id);
        }
    }

    private async Task ReinspectAsync(Visit visit, Guid noticeId, InspectionsDbContext db, CancellationToken ct)
    {
        var notice = await db.Set<RectificationNotice>().IgnoreQueryFilters().Include(n => n.Items).FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null || !notice.IsOpen || notice.VenueId != visit.VenueId)
        {
            return;
        }
        var outcomes = notice.Items.ToDictionary(
            i => i.ItemCode,
            i => visit.Items.Any(v => v.ItemCode == i.ItemCode && v.Outcome == ItemOutcome.Pass) ? ReinspectionOutcome.Rectified : ReinspectionOutcome.NotRectified);
        await RectificationService.ApplyReinspectionAsync(db, notice, visit.Id, outcomes, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The reference data a visit's notices are drafted from; read ahead by <see cref="PrepareAsync"/> or in <see cref="DraftAsync"/>.</summary>
    public sealed record DraftInputs(Venue Venue, IReadOnlyDictionary<Guid, ChecklistItem> Checklist, IReadOnlyList<IssuingDepartment> Issuing);

    /// <summary>
    /// The venue, the checklist items of the failed rows and the issuing departments (those of the officers present
    /// first, then the street's), untracked: reference data, not the visit's own rows.
    /// </summary>
    public static async Task<DraftInputs> ReadDraftInputsAsync(Visit visit, InspectionsDbContext db, CancellationToken ct)
    {
        var venue = await db.Venues.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == visit.VenueId, ct);
        var itemIds = visit.Items.Where(i => i.Outcome == ItemOutcome.Fail).Select(i => i.ItemId).ToList();
        var checklist = await db.Set<ChecklistItem>().IgnoreQueryFilters().AsNoTracking().Where(c => itemIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var street = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Id == visit.JurisdictionId)
            .Select(j => j.ParentId ?? j.Id).FirstOrDefaultAsync(ct);
        var officerDepartments = await db.Officers.IgnoreQueryFilters().Where(o => visit.OfficerIds.Contains(o.Id))
            .Select(o => o.DepartmentId).ToListAsync(ct);
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking()
            .Where(d => officerDepartments.Contains(d.Id) || d.JurisdictionId == street)
            .ToListAsync(ct);
        var issuing = departments
            .OrderBy(d => officerDepartments.Contains(d.Id) ? 0 : 1).ThenBy(d => d.Code)
            .DistinctBy(d => d.Kind)
            .Select(d => new IssuingDepartment(d.Id, d.Code, d.Name, d.ShortName, d.Kind))
            .ToList();
        return new DraftInputs(venue, checklist, issuing);
    }

    /// <summary>
    /// Drafts the notices of a visit (idempotent per visit and department kind); returns their ids. With
    /// <paramref name="inputs"/> read ahead, only the notices are written (the visit is new in this transaction, so no
    /// notice of it can exist yet).
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> DraftAsync(
        Visit visit, InspectionsDbContext db, RectificationOptions options, CancellationToken ct, DraftInputs? inputs = null)
    {
        var failedRows = visit.Items.Where(i => i.Outcome == ItemOutcome.Fail).ToList();
        if (failedRows.Count == 0)
        {
            return [];
        }
        if (inputs is null)
        {
            var existing = await db.Set<RectificationNotice>().IgnoreQueryFilters().Where(n => n.VisitId == visit.Id).Select(n => n.Id).ToListAsync(ct);
            if (existing.Count > 0)
            {
                return existing;
            }
            inputs = await ReadDraftInputsAsync(visit, db, ct);
        }
        var (venue, checklist, issuing) = inputs;
        var failed = failedRows.Select(r =>
        {
            checklist.TryGetValue(r.ItemId, out var c);
            return new FailedItem(
                r.ItemCode, c?.SortOrder ?? 0, c?.TextZh ?? r.ItemCode, r.Note, r.DepartmentKind,
                c?.LegalBasis ?? "《中华人民共和国未成年人保护法》", c?.PenaltyBasis, c?.PenaltyRangeZh, c?.RequirementZh, c?.DefaultDeadlineDays ?? 7);
        }).ToList();
        var local = visit.CheckinAt.ToOffset(TimeSpan.FromHours(8));
        var facts = new VisitFacts(visit.Id, visit.VenueId, visit.JurisdictionId, visit.CheckinAt, local.DateTime, visit.OfficerIds,
            venue.Address, venue.Name, venue.CreditCode, venue.Address, venue.LegalRepresentative);
        var ids = new List<Guid>();
        foreach (var draft in NoticeDrafter.Draft(facts, failed, issuing, options.Texts()))
        {
            var notice = new RectificationNotice(draft);
            db.Add(notice);
            ids.Add(notice.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }
}
