using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Planning;
using Inspections.Infrastructure.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ContractVisitKind = Inspections.Capture.Contracts.VisitKind;
using ItemOutcome = Inspections.Domain.Capture.ItemOutcome;

namespace Inspections.Infrastructure.Capture;

/// <summary>Full record of one visit for the tablet and the desk (person present's ID masked).</summary>
public sealed record VisitDetails(
    VisitReceipt Receipt,
    Guid VenueId,
    string VenueName,
    string Kind,
    Guid? PlannedVisitId,
    Guid? ReinspectionOfNoticeId,
    IReadOnlyList<TeamOfficer> Officers,
    IReadOnlyList<string> DepartmentKinds,
    Guid PackId,
    int PackVersion,
    DateTimeOffset CheckinAt,
    double CheckinLatitude,
    double CheckinLongitude,
    double CheckinDistanceMetres,
    string? DistanceAckReason,
    string PersonPresentName,
    string? PersonPresentRole,
    string? PersonPresentIdMasked,
    bool EnforcementIdsShown,
    bool RecusalOffered,
    IReadOnlyList<VisitItemDetails> Items,
    IReadOnlyList<VisitPhotoDetails> Photos,
    IReadOnlyList<VisitSignatureDetails> Signatures,
    string? FindingsText,
    string? PartyComments,
    bool PartyRefusedToSign,
    string? WitnessName,
    DateTimeOffset DeviceStartedAt,
    DateTimeOffset DeviceSubmittedAt,
    string? SubmittedBy);

public sealed record VisitItemDetails(Guid ItemId, string Code, string TextZh, string TextEn, string DepartmentKind, string Outcome, string? Note, string Severity, string LegalBasis);

public sealed record VisitPhotoDetails(string Sha256, string? ItemCode, string ContentType, int Width, int Height, long Bytes);

public sealed record VisitSignatureDetails(string Role, string Name, string Sha256);

/// <summary>One row of a venue's visit history.</summary>
public sealed record VisitSummary(Guid Id, Guid VenueId, string Kind, DateTimeOffset SubmittedAt, DateTimeOffset CheckinAt, int FailedItems, int Items,
    IReadOnlyList<string> DepartmentKinds, string? SubmittedBy);

/// <summary>Reads for the capture app: bootstrap, today's assignments, venue search and history, visit records.</summary>
public sealed class CaptureQueries(
    InspectionsDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<CaptureOptions> options,
    ChecklistPacks packs,
    IReinspectionTasks reinspections)
{
    private const int SearchLimit = 30;

    public async Task<CaptureBootstrap> BootstrapAsync(CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => new { u.Id, u.UserName, u.DisplayName, u.OfficerId }).FirstOrDefaultAsync(ct);
        string? myKind = null;
        if (me?.OfficerId is { } officerId)
        {
            myKind = await db.Officers.Where(o => o.Id == officerId).Join(db.Departments, o => o.DepartmentId, d => d.Id, (o, d) => d.Kind)
                .Select(k => (DepartmentKind?)k).FirstOrDefaultAsync(ct) is { } k ? k.ToString() : null;
        }
        var officers = await TeamOfficersAsync(null, ct);
        var o = options.Value;
        return new CaptureBootstrap(
            new CaptureUser(me?.Id ?? Guid.Empty, me?.UserName ?? user.UserName, me?.DisplayName ?? user.UserName, me?.OfficerId, myKind),
            officers,
            await packs.CurrentAsync(ct),
            new CaptureSettings(o.CheckInWarningMetres, o.PhotoTargetLongSidePx, o.PhotoMaxBytes),
            clock.GetUtcNow());
    }

    /// <summary>Active officers the user may read (own street), or the given ones.</summary>
    private async Task<IReadOnlyList<TeamOfficer>> TeamOfficersAsync(IReadOnlyCollection<Guid>? ids, CancellationToken ct)
    {
        var q = db.Officers.AsNoTracking().Where(o => ids == null ? o.Status == OfficerStatus.Active : ids.Contains(o.Id));
        var rows = await q.Join(db.Departments, o => o.DepartmentId, d => d.Id, (o, d) => new { o.Id, o.Name, d.Kind, DepartmentName = d.Name, o.EnforcementIdNumber })
            .OrderBy(x => x.Kind).ThenBy(x => x.Name).ToListAsync(ct);
        return [.. rows.Select(x => new TeamOfficer(x.Id, x.Name, x.Kind.ToString(), x.DepartmentName, x.EnforcementIdNumber))];
    }

    /// <summary>
    /// The officer's visits of the day: stops of approved plans whose team includes the officer, then re-inspections due
    /// (from the rectification feature's <see cref="IReinspectionTasks"/>).
    /// </summary>
    public async Task<IReadOnlyList<Assignment>> TodayAsync(DateOnly date, CancellationToken ct)
    {
        if (user.OfficerId is not { } officerId)
        {
            return [];
        }
        var operations = await db.Set<PlannedOperationRecord>().AsNoTracking()
            .Where(o => o.Date == date)
            .Join(db.Set<MonthlyPlanRecord>().Where(p => p.Status == PlanStatus.Approved), o => o.PlanId, p => p.Id, (o, p) => o)
            .ToListAsync(ct);
        var mine = operations
            .SelectMany(o => o.Teams.Where(t => t.OfficerIds.Contains(officerId)).Select(t => (Operation: o, Team: t)))
            .OrderBy(x => x.Operation.Start).ThenBy(x => x.Operation.Number)
            .ToList();
        var result = new List<(Guid VenueId, Func<VenueCard, Assignment> Make)>();
        foreach (var (op, team) in mine)
        {
            var stops = await db.Set<PlannedVisitRecord>().AsNoTracking()
                .Where(v => v.OperationId == op.Id && v.TeamNumber == team.Number).OrderBy(v => v.Sequence).ToListAsync(ct);
            foreach (var stop in stops)
            {
                var arrival = new DateTimeOffset(stop.ArrivalAt, TimeSpan.FromHours(8));
                result.Add((stop.VenueId, card => new Assignment(
                    PlannedVisitIds.Of(op.Id, team.Number, stop.Sequence), op.Id, team.Number, stop.Sequence, arrival, ContractVisitKind.Planned,
                    null, [], [.. team.OfficerIds], [.. stop.Reasons.Select(r => r.Value is null ? r.Code : $"{r.Code}:{r.Value}")], card)));
            }
        }
        foreach (var task in await reinspections.ForOfficerAsync(officerId, date, ct))
        {
            result.Add((task.VenueId, card => new Assignment(
                null, null, null, null, null, ContractVisitKind.Reinspection, task.NoticeId, [.. task.ItemCodes], [.. task.OfficerIds],
                [$"Reinspection:{task.NoticeNumber}"], card)));
        }
        var cards = await CardsAsync([.. result.Select(r => r.VenueId).Distinct()], ct);
        // A venue outside the user's jurisdiction (moved since the plan was drawn) is left out rather than leaked.
        return [.. result.Where(r => cards.ContainsKey(r.VenueId)).Select(r => r.Make(cards[r.VenueId]))];
    }

    public async Task<IReadOnlyList<VenueCard>> SearchVenuesAsync(string? search, CancellationToken ct)
    {
        var q = db.Venues.AsNoTracking().Where(v => v.Status != VenueStatus.Closed);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search);
            q = q.Where(v => EF.Functions.ILike(v.Name, pattern, LikePattern.Escape) || EF.Functions.ILike(v.Address, pattern, LikePattern.Escape) ||
                             (v.CreditCode != null && EF.Functions.ILike(v.CreditCode, pattern, LikePattern.Escape)));
        }
        var ids = await q.OrderBy(v => v.Name).Select(v => v.Id).Take(SearchLimit).ToListAsync(ct);
        var cards = await CardsAsync(ids, ct);
        return [.. ids.Where(cards.ContainsKey).Select(id => cards[id])];
    }

    public async Task<IReadOnlyDictionary<Guid, VenueCard>> CardsAsync(IReadOnlyCollection<Guid> venueIds, CancellationToken ct)
    {
        if (venueIds.Count == 0)
        {
            return new Dictionary<Guid, VenueCard>();
        }
        var venues = await db.Venues.AsNoTracking().Where(v => venueIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Name, v.Type, v.Address, v.Location, v.RiskClass, v.CreditCode, v.LegalRepresentative }).ToListAsync(ct);
        var lastVisits = await db.Set<Visit>().AsNoTracking().Where(v => venueIds.Contains(v.VenueId))
            .GroupBy(v => v.VenueId).Select(g => g.OrderByDescending(v => v.SubmittedAt).Select(v => new { v.VenueId, v.Id, v.SubmittedAt }).First())
            .ToListAsync(ct);
        var lastIds = lastVisits.Select(v => v.Id).ToList();
        var failed = await db.Set<VisitItem>().AsNoTracking().Where(i => lastIds.Contains(i.VisitId) && i.Outcome == ItemOutcome.Fail)
            .Join(db.Set<ChecklistItem>(), i => i.ItemId, c => c.Id, (i, c) => new { i.VisitId, c.Code, c.TextZh, i.Note })
            .ToListAsync(ct);
        var result = new Dictionary<Guid, VenueCard>();
        foreach (var v in venues)
        {
            var last = lastVisits.FirstOrDefault(x => x.VenueId == v.Id);
            var findings = last is null ? [] : failed.Where(f => f.VisitId == last.Id).OrderBy(f => f.Code, StringComparer.Ordinal)
                .Select(f => $"{f.Code} {f.TextZh}" + (string.IsNullOrWhiteSpace(f.Note) ? string.Empty : $"：{f.Note}")).ToList();
            var notices = await reinspections.OpenNoticesForVenueAsync(v.Id, ct);
            result[v.Id] = new VenueCard(v.Id, v.Name, v.Type.ToString(), v.Address, v.Location.Y, v.Location.X, v.RiskClass.ToString(), v.CreditCode,
                v.LegalRepresentative,
                new VenueHistory(last?.SubmittedAt, findings.Count, findings,
                    [.. notices.Select(n => new OpenNotice(n.Id, n.Number, n.Status, n.Deadline, n.ItemCodes))]));
        }
        return result;
    }

    /// <summary>A venue's visits, newest first (null when the venue is not in the user's jurisdiction).</summary>
    public async Task<IReadOnlyList<VisitSummary>?> HistoryAsync(Guid venueId, CancellationToken ct)
    {
        if (!await db.Venues.AnyAsync(v => v.Id == venueId, ct))
        {
            return null;
        }
        var rows = await db.Set<Visit>().AsNoTracking().Where(v => v.VenueId == venueId).OrderByDescending(v => v.SubmittedAt).Take(100)
            .Select(v => new
            {
                v.Id, v.VenueId, v.Kind, v.SubmittedAt, v.CheckinAt, v.DepartmentKinds, v.SubmittedBy,
                Failed = db.Set<VisitItem>().Count(i => i.VisitId == v.Id && i.Outcome == ItemOutcome.Fail),
                Items = db.Set<VisitItem>().Count(i => i.VisitId == v.Id),
            })
            .ToListAsync(ct);
        return [.. rows.Select(v => new VisitSummary(v.Id, v.VenueId, v.Kind.ToString(), v.SubmittedAt, v.CheckinAt, v.Failed, v.Items, v.DepartmentKinds, v.SubmittedBy))];
    }

    public async Task<VisitDetails?> DetailsAsync(Guid visitId, CancellationToken ct)
    {
        var v = await db.Set<Visit>().AsNoTracking().Include(x => x.Items).Include(x => x.Photos).Include(x => x.Signatures)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == visitId, ct);
        if (v is null)
        {
            return null;
        }
        var venueName = await db.Venues.IgnoreQueryFilters().Where(x => x.Id == v.VenueId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        var itemIds = v.Items.Select(i => i.ItemId).ToList();
        var items = await db.Set<ChecklistItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var officers = await TeamOfficersAsync(v.OfficerIds, ct);
        var notices = await db.Set<Domain.Rectification.RectificationNotice>().AsNoTracking().Where(n => n.VisitId == visitId)
            .OrderBy(n => n.DepartmentKind).Select(n => n.Id).ToListAsync(ct);
        return new VisitDetails(
            new VisitReceipt(v.Id, v.ContentSha256, v.ServerReceivedAt, false, notices),
            v.VenueId, venueName, v.Kind.ToString(), v.PlannedVisitId, v.ReinspectionOfNoticeId,
            [.. v.OfficerIds.Select(id => officers.FirstOrDefault(o => o.Id == id) ?? new TeamOfficer(id, string.Empty, string.Empty, string.Empty, string.Empty))],
            v.DepartmentKinds, v.PackId, v.PackVersion, v.CheckinAt, v.CheckinLocation.Y, v.CheckinLocation.X, v.CheckinDistanceM, v.DistanceAckReason,
            v.PersonPresentName, v.PersonPresentRole, v.PersonPresentIdMasked, v.EnforcementIdsShown, v.RecusalOffered,
            [.. v.Items.Select(i => items.TryGetValue(i.ItemId, out var c)
                ? new VisitItemDetails(i.ItemId, i.ItemCode, c.TextZh, c.TextEn, i.DepartmentKind.ToString(), i.Outcome.ToString(), i.Note, c.Severity.ToString(), c.LegalBasis)
                : new VisitItemDetails(i.ItemId, i.ItemCode, string.Empty, string.Empty, i.DepartmentKind.ToString(), i.Outcome.ToString(), i.Note, string.Empty, string.Empty))
                .OrderBy(i => i.Code, StringComparer.Ordinal)],
            [.. v.Photos.Select(p => new VisitPhotoDetails(p.Sha256, p.ItemCode, p.ContentType, p.Width, p.Height, p.Bytes))],
            [.. v.Signatures.OrderBy(s => s.Signer).Select(s => new VisitSignatureDetails(s.Signer.ToString(), s.SignerName, s.Sha256))],
            v.FindingsText, v.PartyComments, v.PartyRefusedToSign, v.WitnessName, v.DeviceStartedAt, v.DeviceSubmittedAt, v.SubmittedBy);
    }
}
