using Npgsql;

namespace Inspections.Infrastructure.Map;

/// <summary>A venue's derived status (ADR 11): never stored, always computed by <see cref="VenueStatusSql"/>.</summary>
public enum MapVenueStatus
{
    NotInspected,
    Passed,
    UnderRectification,
    Overdue,
    Suspended,
    Closed,
}

/// <summary>
/// The one place where a venue's status for the map and the dashboard is derived (ADR 11), in SQL:
/// Suspended/Closed (venues.status) &gt; Overdue (an issued notice past its deadline, not rectified or closed) &gt;
/// UnderRectification (an issued notice not yet rectified or closed) &gt; Passed (a visit submitted in the current
/// quarter) &gt; NotInspected. Drafts are not notices yet; Rectified and Closed notices are done.
/// <para>Use: <c>SELECT … {VenueStatusSql.Expression("v", relations)} AS status FROM venues v</c>, then
/// <see cref="AddParameters"/> on the command (<c>@status_today</c>, <c>@status_q0</c>, <c>@status_q1</c>).
/// <see cref="RelationsAsync"/> tells whether the visits and notices tables exist yet; until they do, empty stand-ins
/// with the same columns are used, so the SQL runs (every venue is then NotInspected or Suspended/Closed).</para>
/// </summary>
public static class VenueStatusSql
{
    /// <summary>China Standard Time (no daylight saving): "today" and quarter bounds are local.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Notice statuses that count as open (ADR 11/14).</summary>
    public const string OpenNoticeStatuses = "'Issued','Served','Overdue','Escalated'";

    public const string VisitsStub =
        "(SELECT NULL::uuid AS id, NULL::uuid AS venue_id, NULL::uuid AS jurisdiction_id, NULL::timestamptz AS submitted_at WHERE false)";

    public const string NoticesStub =
        "(SELECT NULL::uuid AS id, NULL::uuid AS venue_id, NULL::text AS number, NULL::text AS status, NULL::date AS deadline WHERE false)";

    /// <summary>The SQL text of the status (a text value named like <see cref="MapVenueStatus"/>) of venue alias <paramref name="venue"/>.</summary>
    public static string Expression(string venue, StatusRelations relations) => $"""
        (CASE
            WHEN {venue}.status = 'Suspended' THEN 'Suspended'
            WHEN {venue}.status = 'Closed' THEN 'Closed'
            WHEN EXISTS (SELECT 1 FROM {relations.Notices} sn WHERE sn.venue_id = {venue}.id AND sn.status IN ({OpenNoticeStatuses})
                         AND (sn.status IN ('Overdue','Escalated') OR sn.deadline < @status_today)) THEN 'Overdue'
            WHEN EXISTS (SELECT 1 FROM {relations.Notices} sn WHERE sn.venue_id = {venue}.id AND sn.status IN ({OpenNoticeStatuses})) THEN 'UnderRectification'
            WHEN EXISTS (SELECT 1 FROM {relations.Visits} sv WHERE sv.venue_id = {venue}.id
                         AND sv.submitted_at >= @status_q0 AND sv.submitted_at < @status_q1) THEN 'Passed'
            ELSE 'NotInspected'
        END)
        """;

    /// <summary>Today (China) and the current quarter's bounds as instants.</summary>
    public static void AddParameters(NpgsqlCommand command, DateTimeOffset now)
    {
        var today = Today(now);
        var q0 = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        command.Parameters.AddWithValue("status_today", today);
        command.Parameters.AddWithValue("status_q0", Instant(q0));
        command.Parameters.AddWithValue("status_q1", Instant(q0.AddMonths(3)));
    }

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);

    public static DateTimeOffset Instant(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

    /// <summary>The real table names where the tables exist, empty stand-ins where they do not (yet).</summary>
    public static async Task<StatusRelations> RelationsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT to_regclass('public.visits') IS NOT NULL, to_regclass('public.rectification_notices') IS NOT NULL", connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new StatusRelations(r.GetBoolean(0) ? "visits" : VisitsStub, r.GetBoolean(1) ? "rectification_notices" : NoticesStub);
    }
}

/// <summary>What the status SQL reads visits and notices from: table names, or empty stand-ins.</summary>
public sealed record StatusRelations(string Visits, string Notices)
{
    public bool HasVisits => Visits == "visits";

    public bool HasNotices => Notices == "rectification_notices";
}
