using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Contracts = Inspections.Capture.Contracts;

namespace Inspections.Seed;

/// <summary>Six months of generated inspection history of a demo district, ready for COPY.</summary>
public sealed class DemoHistory
{
    public List<Visit> Visits { get; } = [];

    public List<VisitItem> VisitItems { get; } = [];

    public List<RectificationNotice> Notices { get; } = [];

    public List<RectificationNoticeItem> NoticeItems { get; } = [];

    public List<Escalation> Escalations { get; } = [];

    /// <summary>Next serial per (authority key, year) after the numbers used: written to notice_number_counters.</summary>
    public Dictionary<(string Authority, int Year), int> NextSerials { get; } = [];
}

/// <summary>
/// Generates visits of the last six months (local dates, Asia/Shanghai) for about 60 % of the operating venues, each
/// by at least two officers of the venue's street (police, market supervision and the departments the venue type's
/// checklist names), answering every item of the type's current pack; about 12 % of visits fail one or two items and
/// get their notices drafted by <see cref="NoticeDrafter"/>, then issued, served, re-inspected, marked overdue or
/// escalated through the domain's own transitions. Deterministic for a seed and a "today" except for the ids and
/// verification tokens the domain draws itself.
/// </summary>
internal sealed class DemoHistoryBuilder
{
    public const double VisitedShare = 0.60;
    public const double FailedShare = 0.12;
    public const int Months = 6;

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly string[] FailNotes =
    [
        "现场未见相关标识", "登记记录缺失", "现场发现未成年人", "制度未上墙", "工作人员未能出示记录", "标识被遮挡", "台账记录不完整",
    ];

    private static readonly string[] PresentRoles = ["负责人", "店长", "值班经理", "前台主管"];

    private readonly Random _r;
    private readonly DemoDistrict _district;
    private readonly IReadOnlyDictionary<Guid, Guid> _venueCommunity;
    private readonly IReadOnlyDictionary<VenueType, ChecklistPack> _packs;
    private readonly DateOnly _today;
    private readonly DateTimeOffset _now;
    private readonly NoticeTexts _texts;
    private readonly string _numberFormat;

    public DemoHistoryBuilder(
        DemoDistrict district, IReadOnlyDictionary<Guid, Guid> venueCommunity, IReadOnlyDictionary<VenueType, ChecklistPack> packs,
        DateOnly today, NoticeTexts texts, string numberFormat)
    {
        _district = district;
        _venueCommunity = venueCommunity;
        _packs = packs;
        _today = today;
        _texts = texts;
        _numberFormat = numberFormat;
        _r = new Random(unchecked((district.Options.Seed * 7919) + 17));
        // "Now" of the generated past is the end of the seeding day's working hours at the latest; all history lies before today.
        _now = new DateTimeOffset(today.ToDateTime(new TimeOnly(8, 0)), Beijing);
    }

    public DemoHistory Build(IReadOnlyDictionary<(string Authority, int Year), int> counters)
    {
        var history = new DemoHistory();
        foreach (var (key, next) in counters)
        {
            history.NextSerials[key] = next;
        }
        var communities = _district.Communities.ToDictionary(c => c.Id, c => c.ParentId ?? c.Id);
        var departments = _district.Departments.ToDictionary(d => d.Id);
        var officersByStreet = _district.Officers
            .Where(o => o.Status == OfficerStatus.Active)
            .GroupBy(o => o.JurisdictionId)
            .ToDictionary(g => g.Key, g => g.GroupBy(o => departments[o.DepartmentId].Kind).ToDictionary(k => k.Key, k => k.ToList()));
        var streetDepartments = _district.Departments.GroupBy(d => d.JurisdictionId).ToDictionary(g => g.Key, g => g.ToList());
        var pending = new List<(RectificationNotice Notice, Visit Visit, Venue Venue)>();
        var first = _today.AddMonths(-Months);
        var span = _today.DayNumber - first.DayNumber;

        foreach (var venue in _district.Venues)
        {
            // One draw per venue whatever happens next, so the choice of venues does not depend on the packs.
            var visited = _r.NextDouble() < VisitedShare;
            if (!visited || venue.Status != VenueStatus.Operating || !_packs.TryGetValue(venue.Type, out var pack)
                || !_venueCommunity.TryGetValue(venue.Id, out var community) || !communities.TryGetValue(community, out var street)
                || !officersByStreet.TryGetValue(street, out var byKind))
            {
                continue;
            }
            var kinds = new SortedSet<DepartmentKind>(pack.Items.Select(i => i.DepartmentKind)) { DepartmentKind.Police, DepartmentKind.MarketSupervision };
            var officers = kinds.Where(byKind.ContainsKey).Select(k => byKind[k][_r.Next(byKind[k].Count)]).ToList();
            if (officers.Count < 2)
            {
                continue;
            }
            var day = first.AddDays(_r.Next(span));
            var startedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(_r.Next(0, 8 * 60 + 30)), Beijing);
            var failCount = _r.NextDouble() < FailedShare ? 1 + _r.Next(2) : 0;
            var items = pack.Items.OrderBy(i => i.SortOrder).ToList();
            var failed = new HashSet<int>();
            while (failed.Count < Math.Min(failCount, items.Count))
            {
                failed.Add(_r.Next(items.Count));
            }
            var answers = items.Select((item, n) => failed.Contains(n)
                ? (item, ItemOutcome.Fail, (string?)FailNotes[_r.Next(FailNotes.Length)])
                : (item, _r.NextDouble() < 0.04 ? ItemOutcome.NotApplicable : ItemOutcome.Pass, (string?)null)).ToList();
            var visit = AddVisit(history, venue, community, pack, officers, departments, startedAt, VisitKind.AdHoc, null, answers);
            if (failed.Count == 0)
            {
                continue;
            }
            var facts = new VisitFacts(visit.Id, venue.Id, community, visit.CheckinAt, visit.CheckinAt.ToOffset(Beijing).DateTime, visit.OfficerIds,
                venue.Address, venue.Name, venue.CreditCode, venue.Address, venue.LegalRepresentative);
            var failedItems = answers.Where(a => a.Item2 == ItemOutcome.Fail).Select(a => new FailedItem(
                a.item.Code, a.item.SortOrder, a.item.TextZh, a.Item3, a.item.DepartmentKind, a.item.LegalBasis, a.item.PenaltyBasis,
                a.item.PenaltyRangeZh, a.item.RequirementZh, a.item.DefaultDeadlineDays)).ToList();
            // As the submission handler does: departments of the officers present first, then the street's, one per kind.
            var present = officers.Select(o => o.DepartmentId).ToHashSet();
            var issuing = streetDepartments[street]
                .OrderBy(d => present.Contains(d.Id) ? 0 : 1).ThenBy(d => d.Code, StringComparer.Ordinal)
                .DistinctBy(d => d.Kind)
                .Select(d => new IssuingDepartment(d.Id, d.Code, d.Name, d.ShortName, d.Kind))
                .ToList();
            foreach (var draft in NoticeDrafter.Draft(facts, failedItems, issuing, _texts))
            {
                pending.Add((new RectificationNotice(draft), visit, venue));
            }
        }

        // Numbers in issue order, so each authority's series runs with the calendar.
        foreach (var (notice, visit, venue) in pending.OrderBy(p => p.Visit.CheckinAt).ThenBy(p => p.Notice.AuthorityKey, StringComparer.Ordinal))
        {
            Advance(history, notice, visit, venue);
            history.Notices.Add(notice);
            history.NoticeItems.AddRange(notice.Items);
        }
        return history;
    }

    /// <summary>Issue (numbered), serve, then re-inspect, mark overdue or escalate as the dates allow.</summary>
    private void Advance(DemoHistory history, RectificationNotice notice, Visit visit, Venue venue)
    {
        var inspected = visit.CheckinAt.ToOffset(Beijing);
        var issuedAt = visit.DeviceSubmittedAt.AddMinutes(5 + _r.Next(40));
        var issuedOn = DateOnly.FromDateTime(issuedAt.ToOffset(Beijing).DateTime);
        var key = (notice.AuthorityKey, issuedOn.Year);
        var serial = history.NextSerials.GetValueOrDefault(key, 1);
        history.NextSerials[key] = serial + 1;
        notice.Issue(issuedOn.Year, serial, NoticeNumberFormat.Format(_numberFormat, notice.NumberPrefix ?? notice.AuthorityKey, issuedOn.Year, serial),
            issuedAt, issuedOn);
        Touch(notice, issuedAt);

        var roll = _r.NextDouble();
        var deadlinePassed = notice.Deadline < _today;
        if (!deadlinePassed && roll < 0.25)
        {
            return; // Issued, not served yet.
        }
        var onSite = _r.NextDouble() < 0.8;
        var servedAt = onSite ? issuedAt.AddMinutes(2) : issuedAt.AddDays(1 + _r.Next(2)).AddHours(1);
        if (servedAt > _now)
        {
            servedAt = issuedAt.AddMinutes(2);
            onSite = true;
        }
        var refused = _r.NextDouble() < 0.05;
        notice.RecordService(new ServiceRecord(
            onSite ? ServiceMethod.OnSite : ServiceMethod.InPerson, servedAt,
            refused ? null : venue.LegalRepresentative ?? visit.PersonPresentName, refused, refused ? "社区网格员" : null, null));
        Touch(notice, servedAt);
        if (!deadlinePassed)
        {
            return; // Served, the deadline still ahead.
        }

        var deadlineAt = new DateTimeOffset(notice.Deadline.ToDateTime(new TimeOnly(10, 0)), Beijing);
        var overdueDays = _today.DayNumber - notice.Deadline.DayNumber;
        // A deadline passed in the last week is often not re-inspected yet (overdue); older ones mostly were.
        var recent = overdueDays <= 7;
        if (roll < (recent ? 0.55 : 0.88))
        {
            // Re-inspected around the deadline (never after today): every item rectified.
            var at = deadlineAt.AddDays(-_r.Next(Math.Min(3, Math.Max(0, notice.Deadline.DayNumber - issuedOn.DayNumber)) + 1));
            if (at < servedAt)
            {
                at = servedAt.AddHours(2);
            }
            var re = AddReinspection(history, notice, visit, venue, at, notRectified: null);
            notice.RecordReinspection(re.Id, notice.Items.ToDictionary(i => i.ItemCode, _ => ReinspectionOutcome.Rectified), re.SubmittedAt);
            Touch(notice, re.SubmittedAt);
        }
        else if (recent && roll < 0.93)
        {
            // The daily job marks it overdue the morning after the deadline; escalation follows after a week.
            var at = new DateTimeOffset(notice.Deadline.AddDays(1).ToDateTime(new TimeOnly(6, 30)), Beijing);
            notice.MarkOverdue(notice.Deadline.AddDays(1), at);
            Touch(notice, at);
        }
        else if (roll < 0.93)
        {
            // Overdue for more than a week without re-inspection: escalated by the daily job.
            var overdueAt = new DateTimeOffset(notice.Deadline.AddDays(1).ToDateTime(new TimeOnly(6, 30)), Beijing);
            notice.MarkOverdue(notice.Deadline.AddDays(1), overdueAt);
            var at = overdueAt.AddDays(7);
            notice.Escalate(at);
            var (basis, range) = Escalation.Summarise(notice.Items);
            history.Escalations.Add(new Escalation(notice.Id, notice.VenueId, notice.JurisdictionId, basis, range, "逾期未整改，超过7日未复查", at));
            Touch(notice, at);
        }
        else
        {
            // Re-inspected: the first item still not rectified → escalated (penalty referral).
            var code = notice.Items[0].ItemCode;
            var re = AddReinspection(history, notice, visit, venue, deadlineAt.AddDays(1 + _r.Next(Math.Max(1, Math.Min(5, overdueDays)))), code);
            var failed = notice.RecordReinspection(re.Id,
                notice.Items.ToDictionary(i => i.ItemCode, i => i.ItemCode == code ? ReinspectionOutcome.NotRectified : ReinspectionOutcome.Rectified),
                re.SubmittedAt);
            var (basis, range) = Escalation.Summarise(failed);
            history.Escalations.Add(new Escalation(notice.Id, notice.VenueId, notice.JurisdictionId, basis, range,
                $"复查发现{failed.Count}项未整改到位：{string.Join("、", failed.Select(i => i.ItemCode))}", re.SubmittedAt));
            Touch(notice, re.SubmittedAt);
        }
    }

    /// <summary>A re-inspection visit by the original officers answering the notice's items.</summary>
    private Visit AddReinspection(DemoHistory history, RectificationNotice notice, Visit original, Venue venue, DateTimeOffset startedAt, string? notRectified)
    {
        // Before the seeding day, and after the notice was served.
        var latest = _now.AddDays(-1).AddHours(8);
        if (startedAt > latest)
        {
            startedAt = latest;
        }
        if (notice.ServedAt is { } served && startedAt <= served)
        {
            startedAt = served.AddMinutes(30);
        }
        var pack = _packs[venue.Type];
        var codes = notice.Items.Select(i => i.ItemCode).ToHashSet(StringComparer.Ordinal);
        var answers = pack.Items.Where(i => codes.Contains(i.Code)).OrderBy(i => i.SortOrder)
            .Select(i => (i, i.Code == notRectified ? ItemOutcome.Fail : ItemOutcome.Pass, i.Code == notRectified ? (string?)"复查仍未整改" : null))
            .ToList();
        var departments = _district.Departments.ToDictionary(d => d.Id);
        var officers = _district.Officers.Where(o => original.OfficerIds.Contains(o.Id)).ToList();
        return AddVisit(history, venue, original.JurisdictionId, pack, officers, departments, startedAt, VisitKind.Reinspection, notice.Id, answers);
    }

    private Visit AddVisit(
        DemoHistory history, Venue venue, Guid community, ChecklistPack pack, IReadOnlyList<Officer> officers, IReadOnlyDictionary<Guid, Department> departments,
        DateTimeOffset startedAt, VisitKind kind, Guid? noticeId, IReadOnlyList<(ChecklistItem Item, ItemOutcome Outcome, string? Note)> answers)
    {
        var id = NextGuid(startedAt);
        var checkinAt = startedAt.AddMinutes(1 + _r.Next(4));
        var submittedAt = checkinAt.AddMinutes(15 + _r.Next(45));
        var received = submittedAt.AddSeconds(1 + _r.Next(30));
        // Check-in within about 40 m of the venue.
        var lat = venue.Location.Y + ((_r.NextDouble() - 0.5) * 0.0007);
        var lon = venue.Location.X + ((_r.NextDouble() - 0.5) * 0.0007);
        var distance = Metres(venue.Location.Y, venue.Location.X, lat, lon);
        var accuracy = Math.Round(5 + (_r.NextDouble() * 20), 1);
        var presentName = venue.LegalRepresentative ?? _district.Officers[_r.Next(_district.Officers.Count)].Name[..1] + "经理";
        var presentRole = PresentRoles[_r.Next(PresentRoles.Length)];
        var failures = answers.Count(a => a.Outcome == ItemOutcome.Fail);
        var findings = failures == 0 ? "检查未发现问题。" : $"检查发现{failures}项不符合要求，已现场告知。";
        var officerIds = officers.Select(o => o.Id).ToList();
        var submission = SubmissionCanonical.Normalize(new Contracts.VisitSubmission(
            venue.Id, null, Enum.Parse<Contracts.VisitKind>(kind.ToString()), noticeId, officerIds, pack.Id, pack.Version,
            new Contracts.CheckIn(checkinAt, lat, lon, accuracy, null),
            new Contracts.PersonPresent(presentName, presentRole, null, venue.ContactPhone),
            true, true,
            [.. answers.Select(a => new Contracts.ItemResult(a.Item.Id, a.Item.Code, Enum.Parse<Contracts.ItemOutcome>(a.Outcome.ToString()), a.Note, []))],
            [], findings, null, false, null, [], startedAt, submittedAt));
        var (sha, content) = SubmissionCanonical.Hash(submission);
        var visit = new Visit(new VisitData(
            id, venue.Id, null, null, kind, noticeId, community, officerIds,
            [.. officers.Select(o => departments[o.DepartmentId].Kind.ToString())],
            pack.Id, pack.Version, checkinAt, Geo.Point(lon, lat), accuracy, Math.Round(distance, 1), null,
            presentName, presentRole, null, venue.ContactPhone, true, true, findings, null, false, null,
            startedAt, submittedAt, received, sha, "seed", content));
        foreach (var (item, outcome, note) in answers)
        {
            history.VisitItems.Add(new VisitItem(id, item.Id, item.Code, item.DepartmentKind, outcome, note));
        }
        history.Visits.Add(visit);
        return visit;
    }

    private static void Touch(RectificationNotice notice, DateTimeOffset at) => notice.Touch(at);

    /// <summary>A version-7 style id from the visit's time and the seeded randomizer (the tablet makes v7 ids too).</summary>
    private Guid NextGuid(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _r.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_008.8;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }
}
