using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inspections.Infrastructure.Dashboard.Jobs;

/// <summary>What one run of <see cref="DashboardRollupJob"/> did.</summary>
public sealed record DashboardRollupResult(IReadOnlyList<DateOnly> MonthsComputed, int DirtyPairsRecomputed, int DirtyMarksCleared);

/// <summary>
/// Nightly (Asia/Shanghai) and on demand: fills the monthly roll-up of the trend (ADR 18). Computes every closed month of
/// the last <see cref="DashboardRollups.MonthsKept"/> that has no roll-up yet, recomputes the (jurisdiction, month) pairs
/// the triggers marked dirty since, and clears the marks it has taken into account. Set-based SQL, idempotent: a second
/// run finds nothing to do. Runs are serialised by an advisory lock and read one snapshot (repeatable read), so a mark
/// written by a transaction the run did not see stays for the next run: the dashboard never shows a stale roll-up.
/// </summary>
public sealed class DashboardRollupJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<DashboardRollupJob> logger)
{
    public const string RecurringJobId = "dashboard.monthly-rollups";

    /// <summary>01:30 every night (Asia/Shanghai), after the day's late submissions and the 01:00 deadline job.</summary>
    public const string Cron = "30 1 * * *";

    private const int LockClass = 8_270_017;
    private const int LockObject = 18;

    public Task<DashboardRollupResult> RunAsync(CancellationToken ct) =>
        RefreshAsync(DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(DashboardQueries.ChinaOffset).DateTime), [], ct);

    /// <summary>
    /// Brings the roll-up up to date for <paramref name="today"/>; <paramref name="recompute"/> names closed months to
    /// compute again from scratch even if they are rolled up and clean (on demand, e.g. after a bulk correction).
    /// </summary>
    public async Task<DashboardRollupResult> RefreshAsync(DateOnly today, IReadOnlyCollection<DateOnly> recompute, CancellationToken ct)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        var closed = Enumerable.Range(1, DashboardRollups.MonthsKept).Select(i => current.AddMonths(-i))
            .Where(m => DashboardRollups.IsClosed(m, today)).ToHashSet();
        closed.UnionWith(recompute.Select(m => new DateOnly(m.Year, m.Month, 1)).Where(m => DashboardRollups.IsClosed(m, today)));

        await using var c = await dataSource.OpenConnectionAsync(ct);
        await ExecAsync(c, null, $"SELECT pg_advisory_lock({LockClass}, {LockObject})", ct);
        try
        {
            // The snapshot is taken by the first statement after BEGIN, i.e. after the lock: a run waiting for another
            // sees everything the other wrote.
            await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

            var rolled = new HashSet<DateOnly>();
            await using (var cmd = new NpgsqlCommand($"SELECT month FROM {DashboardRollups.MonthsTable}", c, tx))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    rolled.Add(r.GetFieldValue<DateOnly>(0));
                }
            }
            var full = closed.Where(m => !rolled.Contains(m) || recompute.Any(x => x.Year == m.Year && x.Month == m.Month)).Order().ToArray();

            var dirtyJ = new List<Guid>();
            var dirtyM = new List<DateOnly>();
            await using (var cmd = new NpgsqlCommand($"""
                SELECT DISTINCT d.jurisdiction_id, d.month FROM {DashboardRollups.DirtyTable} d
                JOIN {DashboardRollups.MonthsTable} rm ON rm.month = d.month
                WHERE d.month <> ALL(@full)
                """, c, tx))
            {
                cmd.Parameters.AddWithValue("full", full);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    dirtyJ.Add(r.GetGuid(0));
                    dirtyM.Add(r.GetFieldValue<DateOnly>(1));
                }
            }

            var targets = full.Concat(dirtyM).ToList();
            if (targets.Count > 0)
            {
                var from = targets.Min();
                var to = targets.Max().AddMonths(1);
                const string pairs = "EXISTS (SELECT 1 FROM unnest(@dirty_j::uuid[], @dirty_m::date[]) AS p(j, d) WHERE p.j = {0} AND p.d = {1})";
                var sql = $"""
                    DELETE FROM {DashboardRollups.MonthlyTable} r
                    WHERE r.month = ANY(@full) OR {string.Format(System.Globalization.CultureInfo.InvariantCulture, pairs, "r.jurisdiction_id", "r.month")};
                    WITH {DashboardRollups.Measures("IS NOT NULL", "@w0", "@w1", "@tw0", "@tw1")}
                    INSERT INTO {DashboardRollups.MonthlyTable}
                        (jurisdiction_id, month, visits_planned, visits, failed_items, notices_issued, notices_rectified, computed_at)
                    SELECT x.j, x.d, x.visits_planned, x.visits, x.failed_items, x.notices_issued, x.notices_rectified, now()
                    FROM measures x
                    WHERE x.d = ANY(@full) OR {string.Format(System.Globalization.CultureInfo.InvariantCulture, pairs, "x.j", "x.d")};
                    """;
                // Two statements of one batch in the transaction: the old rows go, the recomputed ones come from the same snapshot.
                await using var cmd = new NpgsqlCommand(DashboardRollups.WithTables(sql), c, tx) { CommandTimeout = 0 };
                cmd.Parameters.AddWithValue("w0", from);
                cmd.Parameters.AddWithValue("w1", to);
                cmd.Parameters.AddWithValue("tw0", Instant(from));
                cmd.Parameters.AddWithValue("tw1", Instant(to));
                cmd.Parameters.AddWithValue("full", full);
                cmd.Parameters.AddWithValue("dirty_j", dirtyJ.ToArray());
                cmd.Parameters.AddWithValue("dirty_m", dirtyM.ToArray());
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await using (var cmd = new NpgsqlCommand($"""
                INSERT INTO {DashboardRollups.MonthsTable} (month, computed_at) SELECT unnest(@full), now()
                ON CONFLICT (month) DO UPDATE SET computed_at = excluded.computed_at
                """, c, tx))
            {
                cmd.Parameters.AddWithValue("full", full);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            // Clear the marks this snapshot has taken into account: those of the months and pairs just computed, and those
            // of months not rolled up at all (their first roll-up will read a later snapshot). Marks committed after the
            // snapshot are not visible to this DELETE and stay.
            int cleared;
            await using (var cmd = new NpgsqlCommand($"""
                DELETE FROM {DashboardRollups.DirtyTable} d
                WHERE d.month = ANY(@full)
                   OR EXISTS (SELECT 1 FROM unnest(@dirty_j::uuid[], @dirty_m::date[]) AS x(j, m) WHERE x.j = d.jurisdiction_id AND x.m = d.month)
                   OR NOT EXISTS (SELECT 1 FROM {DashboardRollups.MonthsTable} rm WHERE rm.month = d.month)
                """, c, tx))
            {
                cmd.Parameters.AddWithValue("full", full);
                cmd.Parameters.AddWithValue("dirty_j", dirtyJ.ToArray());
                cmd.Parameters.AddWithValue("dirty_m", dirtyM.ToArray());
                cleared = await cmd.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);

            if (full.Length > 0 || dirtyJ.Count > 0)
            {
                logger.LogInformation("Dashboard roll-up: computed months {Months}, recomputed {Pairs} changed jurisdiction-months, cleared {Cleared} marks",
                    string.Join(", ", full.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))), dirtyJ.Count, cleared);
            }
            return new DashboardRollupResult(full, dirtyJ.Count, cleared);
        }
        finally
        {
            await ExecAsync(c, null, $"SELECT pg_advisory_unlock({LockClass}, {LockObject})", CancellationToken.None);
        }
    }

    private static DateTimeOffset Instant(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), DashboardQueries.ChinaOffset).ToUniversalTime();

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
