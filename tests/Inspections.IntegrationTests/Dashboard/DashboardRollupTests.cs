using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Dashboard;
using Inspections.Infrastructure.Dashboard.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Inspections.IntegrationTests.Dashboard.DashboardWebFactory;

namespace Inspections.IntegrationTests.Dashboard;

/// <summary>
/// The monthly roll-up of the trend (ADR 18) on the hand-made district of <see cref="DashboardWebFactory"/> (its own
/// database: these tests add late data). The roll-up path must give exactly the live path's figures, for the same months,
/// before and after late changes to a closed month, and the nightly job must be idempotent.
/// </summary>
public sealed class DashboardRollupTests(DashboardWebFactory app) : IClassFixture<DashboardWebFactory>
{
    /// <summary>A day on which October 2026 is closed (it ended more than <see cref="DashboardRollups.ClosedAfterDays"/> days before).</summary>
    private static readonly DateOnly Today = new(2026, 11, 23);

    private NpgsqlDataSource DataSource => app.Services.GetRequiredService<NpgsqlDataSource>();

    private DashboardRollupJob Job() => new(DataSource, TimeProvider.System, NullLogger<DashboardRollupJob>.Instance);

    private async Task<DashboardFigures> FiguresAsync(Guid? jurisdiction, bool rollups, int month = 10)
    {
        var queries = new DashboardQueries(DataSource, UnrestrictedScope.Instance, TimeProvider.System) { UseRollups = rollups };
        var scope = (await queries.ResolveScopeAsync(jurisdiction, CancellationToken.None))!;
        return await queries.GetAsync(scope, 2026, month, CancellationToken.None);
    }

    /// <summary>Every scope's trend (and every other figure) both ways; returns the roll-up path's figures of the whole district.</summary>
    private async Task AssertBothPathsAgreeAsync(int expectedRolledMonths)
    {
        foreach (var jurisdiction in new Guid?[] { null, StreetA, A1, A2, StreetB })
        {
            var live = await FiguresAsync(jurisdiction, rollups: false);
            var rolled = await FiguresAsync(jurisdiction, rollups: true);
            Assert.Equal(0, live.RolledUpMonths);
            Assert.Equal(expectedRolledMonths, rolled.RolledUpMonths);
            Assert.Equal(live.Trend, rolled.Trend);
            Assert.Equal(live.Totals, rolled.Totals);
            Assert.Equal(live.Funnel, rolled.Funnel);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_month_is_closed_seven_days_after_it_ended()
    {
        Assert.False(DashboardRollups.IsClosed(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 7)));
        Assert.True(DashboardRollups.IsClosed(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 8)));
        Assert.False(DashboardRollups.IsClosed(new DateOnly(2026, 11, 1), Today));
    }

    [Fact]
    public async Task The_rolled_up_trend_equals_the_live_trend_and_the_hand_count()
    {
        await Job().RefreshAsync(Today, [], CancellationToken.None);

        await AssertBothPathsAgreeAsync(expectedRolledMonths: 12);
        // The hand count of DashboardFiguresTests, now read from the roll-up: street A, October 2026 (the late-data test of
        // this class changes September and street B only).
        var a = await FiguresAsync(StreetA, rollups: true);
        Assert.Equal(12, a.RolledUpMonths);
        Assert.Equal(new MonthTrend(2026, 10, VisitsPlanned: 5, Visits: 3, FailedItems: 4, NoticesIssued: 4, NoticesRectified: 1), a.Trend[11]);
        // The current month (November) is never rolled up: its trend is live.
        var november = await FiguresAsync(StreetA, rollups: true, month: 11);
        Assert.Equal(11, november.RolledUpMonths);
        Assert.Equal(1, november.Trend[11].Visits); // X5 at 00:30 on 1 November local time
    }

    [Fact]
    public async Task The_job_is_idempotent_and_rolls_up_only_closed_months()
    {
        var first = await Job().RefreshAsync(Today, [], CancellationToken.None);
        var second = await Job().RefreshAsync(Today, [], CancellationToken.None);

        Assert.DoesNotContain(new DateOnly(2026, 11, 1), first.MonthsComputed);
        Assert.Empty(second.MonthsComputed);
        Assert.Equal(0, second.DirtyPairsRecomputed);
        var months = await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.MonthsTable} WHERE month <= DATE '2026-10-01' AND month >= DATE '2024-11-01'");
        Assert.Equal(DashboardRollups.MonthsKept, months);
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.MonthsTable} WHERE month >= DATE '2026-11-01'"));
        // Recomputing a month on demand gives the same rows.
        var before = await ScalarAsync($"SELECT coalesce(sum(visits * 1000 + failed_items * 100 + notices_issued * 10 + visits_planned), 0) FROM {DashboardRollups.MonthlyTable}");
        var forced = await Job().RefreshAsync(Today, [new DateOnly(2026, 10, 1)], CancellationToken.None);
        Assert.Equal([new DateOnly(2026, 10, 1)], forced.MonthsComputed);
        Assert.Equal(before, await ScalarAsync($"SELECT coalesce(sum(visits * 1000 + failed_items * 100 + notices_issued * 10 + visits_planned), 0) FROM {DashboardRollups.MonthlyTable}"));
    }

    [Fact]
    public async Task Late_data_for_a_closed_month_is_reflected_at_once_and_rolled_up_by_the_next_run()
    {
        await Job().RefreshAsync(Today, [], CancellationToken.None);
        var before = await FiguresAsync(StreetA, rollups: true);

        // Late: a visit of 20 September (A2, with a failed item) synchronised now, notice N6 (September) rectified now,
        // and street B's October plan superseded (its planned visit no longer counts).
        await using (var c = await DataSource.OpenConnectionAsync())
        {
            var late = Guid.NewGuid();
            await using var packOf = new NpgsqlCommand("SELECT pack_id FROM visits WHERE id = @x", c);
            packOf.Parameters.AddWithValue("x", X1);
            var pack = (Guid)(await packOf.ExecuteScalarAsync())!;
            await RowInserter.InsertAsync(c, "visits", new Dictionary<string, object?>
            {
                ["id"] = late, ["venue_id"] = V6, ["jurisdiction_id"] = A2, ["kind"] = "AdHoc", ["officer_ids"] = new[] { O1 },
                ["department_kinds"] = new[] { "Police" }, ["pack_id"] = pack, ["checkin_at"] = At(2026, 9, 20, 10, 0), ["submitted_at"] = At(2026, 9, 20, 10, 0),
                ["server_received_at"] = At(2026, 11, 23, 9, 0), ["status"] = "Submitted",
            });
            await RowInserter.InsertAsync(c, "visit_items", new Dictionary<string, object?>
            {
                ["visit_id"] = late, ["item_id"] = Item("K-01"), ["item_code"] = "K-01", ["department_kind"] = "Police", ["outcome"] = "Fail",
            });
            await using var cmd = new NpgsqlCommand(
                "UPDATE rectification_notices SET status = 'Rectified' WHERE id = @n6; UPDATE monthly_plans SET status = 'Superseded' WHERE street_jurisdiction_id = @b", c);
            cmd.Parameters.AddWithValue("n6", N6);
            cmd.Parameters.AddWithValue("b", StreetB);
            await cmd.ExecuteNonQueryAsync();
        }

        // At once: the changed (jurisdiction, month) pairs are read live, the others still from the roll-up.
        Assert.True(await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.DirtyTable} WHERE month = DATE '2026-09-01'") >= 2);
        var after = await FiguresAsync(StreetA, rollups: true);
        Assert.Equal(12, after.RolledUpMonths);
        Assert.Equal(before.Trend[10] with { Visits = 2, FailedItems = 1, NoticesRectified = 1 }, after.Trend[10]);
        Assert.Equal(before.Trend[11], after.Trend[11]);
        var b = await FiguresAsync(StreetB, rollups: true);
        Assert.Equal(0, b.Trend[11].VisitsPlanned);
        await AssertBothPathsAgreeAsync(expectedRolledMonths: 12);

        // The next run recomputes exactly the changed pairs and clears their marks; the figures stay the same.
        var run = await Job().RefreshAsync(Today, [], CancellationToken.None);
        Assert.Empty(run.MonthsComputed);
        Assert.True(run.DirtyPairsRecomputed >= 3);
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.DirtyTable} WHERE month <= DATE '2026-10-01'"));
        Assert.Equal(2, await ScalarAsync($"SELECT visits FROM {DashboardRollups.MonthlyTable} WHERE month = DATE '2026-09-01' AND jurisdiction_id = '{A2}'") +
                        await ScalarAsync($"SELECT visits FROM {DashboardRollups.MonthlyTable} WHERE month = DATE '2026-09-01' AND jurisdiction_id = '{A1}'"));
        Assert.Equal(after.Trend, (await FiguresAsync(StreetA, rollups: true)).Trend);
        await AssertBothPathsAgreeAsync(expectedRolledMonths: 12);
    }

    [Fact]
    public async Task A_change_the_trend_does_not_count_marks_nothing()
    {
        await Job().RefreshAsync(Today, [], CancellationToken.None);
        var marks = await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.DirtyTable}");

        await using (var cmd = DataSource.CreateCommand("UPDATE visits SET kind = kind WHERE id = @x; UPDATE visit_items SET note = 'x' WHERE visit_id = @x AND outcome = 'Pass'"))
        {
            cmd.Parameters.AddWithValue("x", X1);
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(marks, await ScalarAsync($"SELECT count(*) FROM {DashboardRollups.DirtyTable}"));
    }
}
