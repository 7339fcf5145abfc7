using Inspections.Domain.Common;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Rectification;

/// <summary>Notices: list, read, edit drafts, issue (numbering), service, re-inspection outcome and escalation.</summary>
public sealed class RectificationService(
    InspectionsDbContext db,
    IOptionsMonitor<RectificationOptions> options,
    TimeProvider clock) : IReinspectionTasks
{
    public RectificationOptions Options => options.CurrentValue;

    public DateOnly Today() => LocalDate(clock.GetUtcNow());

    public DateOnly LocalDate(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(Options.TimeZone)).DateTime);

    public string VerificationUrl(string token) => $"{Options.PublicBaseUrl.TrimEnd('/')}/verify/{token}";

    public IQueryable<RectificationNotice> Filtered(NoticeFilter f)
    {
        var q = db.Set<RectificationNotice>().AsNoTracking();
        if (f.Status is { } status)
        {
            q = q.Where(n => n.Status == status);
        }
        if (f.DepartmentKind is { } kind)
        {
            q = q.Where(n => n.DepartmentKind == kind);
        }
        if (f.VenueId is { } venue)
        {
            q = q.Where(n => n.VenueId == venue);
        }
        if (f.JurisdictionId is { } j)
        {
            q = q.Where(n => n.JurisdictionId == j);
        }
        if (f.DeadlineFrom is { } from)
        {
            q = q.Where(n => n.Deadline >= from);
        }
        if (f.DeadlineTo is { } to)
        {
            q = q.Where(n => n.Deadline <= to);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var like = LikePattern.Contains(f.Q);
            q = q.Where(n => EF.Functions.ILike(n.PartyName, like, LikePattern.Escape) || (n.Number != null && EF.Functions.ILike(n.Number, like, LikePattern.Escape)));
        }
        return q;
    }

    public async Task<NoticePage> ListAsync(NoticeFilter f, CancellationToken ct)
    {
        var q = Filtered(f);
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, f.Page);
        var size = Math.Clamp(f.PageSize, 1, 200);
        var items = await q.OrderByDescending(n => n.InspectedAt).ThenBy(n => n.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(n => new NoticeSummary(n.Id, n.Number, n.Status, n.PartyName, n.VenueId, n.IssuingAuthority, n.DepartmentKind,
                n.Deadline, n.IssuedOn, n.InspectedAt, n.Items.Count, n.Version))
            .ToListAsync(ct);
        return new NoticePage(total, items);
    }

    public async Task<NoticeDetails?> GetAsync(Guid id, CancellationToken ct)
    {
        var n = await db.Set<RectificationNotice>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null)
        {
            return null;
        }
        var venueName = await db.Venues.IgnoreQueryFilters().Where(v => v.Id == n.VenueId).Select(v => v.Name).FirstOrDefaultAsync(ct);
        var escalation = await db.Set<Escalation>().AsNoTracking().Where(e => e.NoticeId == id)
            .Select(e => new EscalationDto(e.PenaltyBasis, e.PenaltyRange, e.Reason, e.ReferredAt, e.OnNotificationList))
            .FirstOrDefaultAsync(ct);
        return new NoticeDetails(
            n.Id, n.VisitId, n.VenueId, venueName ?? n.PartyName, n.JurisdictionId, n.DepartmentId, n.DepartmentKind, n.IssuingAuthority,
            n.Number, n.Status, n.PartyName, n.PartyCreditCode, n.PartyAddress, n.PartyLegalRepresentative, n.InspectedAt, n.FactsFound,
            n.SpecificLegalBasis, n.Consequences, n.ReviewAuthority, n.Court, n.ContactPerson, n.ContactPhone, n.Deadline, n.IssuedAt,
            n.ServedAt, n.ServiceMethod, n.PartySigned, n.ReceivedBy, n.PartyRefused, n.Witness, n.ServedBy,
            VerificationUrl(n.VerificationToken), n.ReinspectionVisitId, n.ClosedAt, n.EscalatedAt,
            n.Items.OrderBy(i => i.SortOrder).Select(i => new NoticeItemDto(i.Id, i.ItemCode, i.ItemText, i.Observation, i.LegalBasis,
                i.PenaltyBasis, i.PenaltyRange, i.Requirement, i.Deadline, i.Outcome)).ToList(),
            escalation, n.Version);
    }

    /// <summary>Loads a notice for a change; null when absent or outside the user's jurisdiction.</summary>
    private Task<RectificationNotice?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Set<RectificationNotice>().Include(n => n.Items).FirstOrDefaultAsync(n => n.Id == id, ct);

    private static void CheckVersion(RectificationNotice n, uint? expected)
    {
        if (expected is { } v && v != n.Version)
        {
            throw new DbUpdateConcurrencyException("The notice was changed by someone else.");
        }
    }

    public async Task<RectificationNotice?> EditDraftAsync(Guid id, uint? version, NoticeEdit edit, CancellationToken ct)
    {
        var n = await LoadAsync(id, ct);
        if (n is null)
        {
            return null;
        }
        CheckVersion(n, version);
        n.EditDraft(edit);
        n.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return n;
    }

    /// <summary>Draft → Issued: the serial comes from the counter row, locked in this transaction (ADR 14).</summary>
    public async Task<RectificationNotice?> IssueAsync(Guid id, uint? version, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var n = await LoadAsync(id, ct);
            if (n is null)
            {
                return null;
            }
            CheckVersion(n, version);
            if (n.Status != NoticeStatus.Draft)
            {
                throw new DomainException("notice.not_draft", "Only a draft can be issued.");
            }
            var now = clock.GetUtcNow();
            var today = LocalDate(now);
            var serial = await NoticeNumbering.NextSerialAsync(db, n.AuthorityKey, today.Year, ct);
            var number = NoticeNumberFormat.Format(Options.NumberFormat, n.NumberPrefix ?? n.AuthorityKey, today.Year, serial);
            n.Issue(today.Year, serial, number, now, today);
            n.Touch(now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return n;
        });
    }

    public async Task<RectificationNotice?> ServeAsync(Guid id, uint? version, ServiceRecord service, CancellationToken ct)
    {
        var n = await LoadAsync(id, ct);
        if (n is null)
        {
            return null;
        }
        CheckVersion(n, version);
        if (service.ServedAt > clock.GetUtcNow().AddMinutes(10))
        {
            throw new DomainException("servedAt.future", "The service date lies in the future.");
        }
        n.RecordService(service);
        n.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return n;
    }

    /// <summary>
    /// Records the re-inspection: all items rectified → closed; otherwise escalated (penalty referral with the penalty
    /// articles and ranges, 通报 list) and the venue's risk class raised one step (audited like any venue change).
    /// Saves nothing itself when <paramref name="save"/> is false (the visit submission saves in its transaction).
    /// </summary>
    public async Task<RectificationNotice?> RecordReinspectionAsync(
        Guid id, uint? version, Guid? visitId, IReadOnlyDictionary<string, ReinspectionOutcome> outcomes, CancellationToken ct, bool save = true)
    {
        var n = await LoadAsync(id, ct);
        if (n is null)
        {
            return null;
        }
        CheckVersion(n, version);
        await ApplyReinspectionAsync(db, n, visitId, outcomes, clock.GetUtcNow(), ct);
        if (save)
        {
            await db.SaveChangesAsync(ct);
        }
        return n;
    }

    /// <summary>
    /// Applies re-inspection outcomes to a tracked notice in <paramref name="db"/> (closes or escalates it, completes its
    /// task); the caller saves. Used by the API and by the visit-submission handler (which passes the sync's context).
    /// </summary>
    public static async Task ApplyReinspectionAsync(
        InspectionsDbContext db, RectificationNotice n, Guid? visitId, IReadOnlyDictionary<string, ReinspectionOutcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        var failed = n.RecordReinspection(visitId, outcomes, now);
        n.Touch(now);
        if (failed.Count > 0)
        {
            await EscalateAsync(db, n, failed, $"复查发现{failed.Count}项未整改到位：{string.Join("、", failed.Select(i => i.ItemCode))}", now, ct);
        }
        var task = await db.Set<ReinspectionTask>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.NoticeId == n.Id, ct);
        task?.Complete(visitId);
    }

    /// <summary>Writes the escalation and raises the venue's risk class one step (audited); the notice is already marked escalated.</summary>
    public static async Task EscalateAsync(InspectionsDbContext db, RectificationNotice n, IReadOnlyList<RectificationNoticeItem> items, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var (basis, range) = Escalation.Summarise(items);
        db.Add(new Escalation(n.Id, n.VenueId, n.JurisdictionId, basis, range, reason, now));
        var venue = await db.Venues.IgnoreQueryFilters().FirstOrDefaultAsync(v => v.Id == n.VenueId, ct);
        if (venue is not null)
        {
            venue.RaiseRisk();
            venue.Touch(now);
        }
    }

    /// <summary>Anonymous verification: by token only, ignoring scoping; drafts do not exist publicly.</summary>
    public async Task<NoticeVerification?> VerifyAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 32)
        {
            return null;
        }
        return await db.Set<RectificationNotice>().IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.VerificationToken == token && n.Number != null && n.IssuedOn != null)
            .Select(n => new NoticeVerification(n.Number!, n.IssuingAuthority, n.IssuedOn!.Value, n.Status, n.Deadline))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ReinspectionAssignment>> ForOfficerAsync(Guid officerId, DateOnly date, CancellationToken ct) =>
        await (from t in db.Set<ReinspectionTask>().AsNoTracking()
               join n in db.Set<RectificationNotice>() on t.NoticeId equals n.Id
               where t.Status == ReinspectionTaskStatus.Open && t.DueDate <= date && t.OfficerIds.Contains(officerId)
               orderby t.DueDate, n.Number
               select new ReinspectionAssignment(t.Id, t.NoticeId, n.Number, t.VenueId, t.DueDate, t.OfficerIds, t.ItemCodes, t.Status))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ReinspectionAssignment>> TasksAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var q = from t in db.Set<ReinspectionTask>().AsNoTracking()
                join n in db.Set<RectificationNotice>() on t.NoticeId equals n.Id
                select new { t, n.Number };
        if (from is { } f)
        {
            q = q.Where(x => x.t.DueDate >= f);
        }
        if (to is { } tt)
        {
            q = q.Where(x => x.t.DueDate <= tt);
        }
        return await q.OrderBy(x => x.t.DueDate).Take(500)
            .Select(x => new ReinspectionAssignment(x.t.Id, x.t.NoticeId, x.Number, x.t.VenueId, x.t.DueDate, x.t.OfficerIds, x.t.ItemCodes, x.t.Status))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OpenNoticeInfo>> OpenNoticesForVenueAsync(Guid venueId, CancellationToken ct)
    {
        var open = new[] { NoticeStatus.Issued, NoticeStatus.Served, NoticeStatus.Overdue };
        var rows = await db.Set<RectificationNotice>().AsNoTracking()
            .Where(n => n.VenueId == venueId && open.Contains(n.Status))
            .OrderBy(n => n.Deadline)
            .Select(n => new { n.Id, n.Number, n.Status, n.Deadline, Codes = n.Items.OrderBy(i => i.SortOrder).Select(i => i.ItemCode).ToList() })
            .ToListAsync(ct);
        return rows.Select(r => new OpenNoticeInfo(r.Id, r.Number ?? string.Empty, r.Status.ToString(), r.Deadline, r.Codes)).ToList();
    }

    public async Task<IReadOnlyList<string>> ItemCodesAsync(Guid noticeId, CancellationToken ct) =>
        await db.Set<RectificationNoticeItem>().AsNoTracking()
            .Where(i => i.NoticeId == noticeId && db.Set<RectificationNotice>().Any(n => n.Id == noticeId))
            .OrderBy(i => i.SortOrder).Select(i => i.ItemCode).ToListAsync(ct);

    /// <summary>
    /// Photos of the visit that led to the notice, per item under rectification: shown beside the new photos at the
    /// re-inspection. Null when the notice is absent or outside the user's jurisdiction.
    /// </summary>
    public async Task<IReadOnlyList<ItemPhotos>?> OriginalPhotosAsync(Guid noticeId, CancellationToken ct)
    {
        var notice = await db.Set<RectificationNotice>().AsNoTracking().Include(n => n.Items).FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null)
        {
            return null;
        }
        var codes = notice.Items.Select(i => i.ItemCode).ToList();
        var photos = await db.Set<Domain.Capture.VisitPhoto>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.VisitId == notice.VisitId && p.ItemCode != null && codes.Contains(p.ItemCode))
            .OrderBy(p => p.TakenAt).ThenBy(p => p.Id)
            .Select(p => new PhotoRef(p.Id, p.ItemCode!, p.Sha256, p.ContentType, p.Width, p.Height, p.TakenAt))
            .ToListAsync(ct);
        return [.. notice.Items.OrderBy(i => i.SortOrder).Select(i => new ItemPhotos(i.ItemCode, i.ItemText, notice.VisitId, [.. photos.Where(p => p.ItemCode == i.ItemCode)]))];
    }

    public async Task<IReadOnlyList<NotificationDto>> NotificationsForOfficerAsync(Guid officerId, bool unreadOnly, CancellationToken ct)
    {
        var q = db.Set<Notification>().AsNoTracking().Where(x => x.OfficerId == officerId);
        if (unreadOnly)
        {
            q = q.Where(x => x.ReadAt == null);
        }
        return await q.OrderByDescending(x => x.CreatedAt).Take(200)
            .Select(x => new NotificationDto(x.Id, x.Kind, x.NoticeId, x.DueDate, x.Message, x.CreatedAt, x.ReadAt))
            .ToListAsync(ct);
    }

    public async Task<bool> MarkNotificationReadAsync(Guid officerId, Guid id, CancellationToken ct)
    {
        var n = await db.Set<Notification>().FirstOrDefaultAsync(x => x.Id == id && x.OfficerId == officerId, ct);
        if (n is null)
        {
            return false;
        }
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
