using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Planning;

public sealed record CalendarFeedStatus(bool Exists, DateTimeOffset? CreatedAt, DateTimeOffset? LastReadAt);

public sealed record CalendarFeedToken(string Token, DateTimeOffset CreatedAt);

/// <summary>
/// Per-officer iCalendar feeds of approved assignments (RFC 5545, written by Ical.Net: CRLF, line folding, VTIMEZONE).
/// Calendar apps cannot send the sign-in cookie, so the feed URL carries a secret token; only its SHA-256 is stored.
/// </summary>
public sealed class CalendarFeedService(InspectionsDbContext db, TimeProvider clock, IOptionsMonitor<PlanningOptions> options)
{
    /// <summary>Approved operations from this many days ago on are in the feed.</summary>
    public const int PastDays = 31;

    public async Task<CalendarFeedStatus> StatusAsync(Guid officerId, CancellationToken ct)
    {
        var feed = await db.Set<OfficerCalendarFeedRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.OfficerId == officerId, ct);
        return new CalendarFeedStatus(feed is not null, feed?.CreatedAt, feed?.LastReadAt);
    }

    /// <summary>Creates the officer's feed, or replaces its token (the old URL stops working at once).</summary>
    public async Task<CalendarFeedToken> RotateAsync(Guid officerId, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var feed = await db.Set<OfficerCalendarFeedRecord>().SingleOrDefaultAsync(f => f.OfficerId == officerId, ct);
        if (feed is null)
        {
            db.Add(new OfficerCalendarFeedRecord(officerId, Hash(token), now));
        }
        else
        {
            feed.Rotate(Hash(token), now);
        }
        await db.SaveChangesAsync(ct);
        return new CalendarFeedToken(token, now);
    }

    /// <summary>The feed's iCalendar text, or null when no feed has the token.</summary>
    public async Task<string?> RenderAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var feed = await db.Set<OfficerCalendarFeedRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null)
        {
            return null;
        }
        var assignments = await AssignmentsAsync(feed.OfficerId, ct);
        // Not audited: a read stamp, written outside the change tracker.
        await db.Set<OfficerCalendarFeedRecord>().Where(f => f.OfficerId == feed.OfficerId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastReadAt, clock.GetUtcNow()), ct);
        return Render(assignments, options.CurrentValue.TimeZone);
    }

    /// <summary>The officer's approved assignments, one per operation and team, with the route in order.</summary>
    public async Task<IReadOnlyList<CalendarAssignment>> AssignmentsAsync(Guid officerId, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.CurrentValue.TimeZone);
        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime).AddDays(-PastDays);
        var member = $"[{{\"officerIds\":[\"{officerId}\"]}}]";
        var operations = await db.Set<PlannedOperationRecord>()
            .FromSqlInterpolated($"""
                SELECT o.* FROM planned_operations o JOIN monthly_plans p ON p.id = o.plan_id
                WHERE p.status = 'Approved' AND o.date >= {from} AND o.teams @> {member}::jsonb
                """)
            .AsNoTracking().OrderBy(o => o.Date).ThenBy(o => o.Start).ToListAsync(ct);
        var operationIds = operations.Select(o => o.Id).ToArray();
        var visits = await db.Set<PlannedVisitRecord>().AsNoTracking().Where(v => operationIds.Contains(v.OperationId)).ToListAsync(ct);
        var venueIds = visits.Select(v => v.VenueId).Distinct().ToArray();
        var venues = await db.Venues.IgnoreQueryFilters().AsNoTracking().Where(v => venueIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Name, v.Address }).ToDictionaryAsync(v => v.Id, ct);
        var communityIds = operations.Select(o => o.JurisdictionId).Distinct().ToArray();
        var communities = await db.Jurisdictions.IgnoreQueryFilters().Where(j => communityIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var officerIds = operations.SelectMany(o => o.Teams).SelectMany(t => t.OfficerIds).Distinct().ToArray();
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        return [.. from o in operations
                   from t in o.Teams
                   where t.OfficerIds.Contains(officerId)
                   select new CalendarAssignment(
                       o.Id, o.Number, t.Number, o.Date, o.Start, o.End, communities.GetValueOrDefault(o.JurisdictionId) ?? string.Empty,
                       [.. t.OfficerIds.Select(i => officers.GetValueOrDefault(i) ?? string.Empty)],
                       [.. visits.Where(v => v.OperationId == o.Id && v.TeamNumber == t.Number).OrderBy(v => v.Sequence).Select(v => new CalendarStop(
                           v.Sequence, TimeOnly.FromDateTime(v.ArrivalAt), venues.GetValueOrDefault(v.VenueId)?.Name ?? string.Empty,
                           venues.GetValueOrDefault(v.VenueId)?.Address ?? string.Empty))])];
    }

    public static string Render(IReadOnlyList<CalendarAssignment> assignments, string timeZone)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Inspections//Joint inspections//ZH" };
        calendar.AddProperty("X-WR-CALNAME", "联合检查任务");
        calendar.AddTimeZone(new VTimeZone(timeZone));
        foreach (var a in assignments)
        {
            var end = a.End <= a.Start ? a.Date.AddDays(1).ToDateTime(a.End) : a.Date.ToDateTime(a.End);
            var description = new StringBuilder();
            description.Append(CultureInfo.InvariantCulture, $"检查组成员：{string.Join("、", a.Officers)}\n");
            foreach (var s in a.Stops)
            {
                description.Append(CultureInfo.InvariantCulture, $"{s.Sequence}. {s.ArrivalAt:HH\\:mm} {s.VenueName}（{s.Address}）\n");
            }
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{a.OperationId:N}-{a.TeamNumber}@inspections",
                Summary = $"联合检查 第{a.OperationNumber}次行动 第{a.TeamNumber}组 · {a.Community}",
                Location = a.Community,
                Description = description.ToString().TrimEnd('\n'),
                Start = new CalDateTime(a.Date.ToDateTime(a.Start), timeZone),
                End = new CalDateTime(end, timeZone),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

public sealed record CalendarAssignment(
    Guid OperationId, int OperationNumber, int TeamNumber, DateOnly Date, TimeOnly Start, TimeOnly End, string Community,
    IReadOnlyList<string> Officers, IReadOnlyList<CalendarStop> Stops);

public sealed record CalendarStop(int Sequence, TimeOnly ArrivalAt, string VenueName, string Address);
