using Inspections.Domain.Capture;
using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Seed;

/// <summary>The demo district's six months of visits and notices, checked on the real database.</summary>
public sealed class DemoHistoryTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DemoDistrictOptions Options = DemoDistrictOptions.Default with { History = true, HistoryToday = Today };

    private readonly TestDatabase _database = new();
    private readonly TestDatabase _second = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task HistoryIsWrittenOnceAndFollowsTheRules()
    {
        await using var db = _database.CreateContext();
        var seeder = new DemoDistrictSeeder();

        Assert.True(await seeder.SeedIfEmptyAsync(db, Options));
        var visits = await Count(db, "SELECT count(*) FROM visits");
        var answers = await Count(db, "SELECT count(*) FROM visit_items");
        var notices = await Count(db, "SELECT count(*) FROM rectification_notices");
        Assert.False(await seeder.SeedIfEmptyAsync(db, Options));
        Assert.Equal(visits, await Count(db, "SELECT count(*) FROM visits"));
        Assert.Equal(answers, await Count(db, "SELECT count(*) FROM visit_items"));
        Assert.Equal(notices, await Count(db, "SELECT count(*) FROM rectification_notices"));

        // About 60 % of the venues visited (only operating ones are), within the last six months, before the seeding day.
        var visited = await Count(db, "SELECT count(DISTINCT venue_id) FROM visits WHERE kind = 'AdHoc'");
        Assert.InRange(visited, 700, 960);
        Assert.Equal(visited, await Count(db, "SELECT count(*) FROM visits WHERE kind = 'AdHoc'"));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visits
            WHERE (checkin_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN DATE '2026-05-23' AND DATE '2026-11-22'
               OR status <> 'Submitted' OR length(content_sha256) <> 64 OR submitted_at < checkin_at
            """));

        // At least two officers, police and market supervision among them, all active officers of the venue's street.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visits v
            WHERE cardinality(v.officer_ids) < 2
               OR NOT (v.department_kinds @> ARRAY['Police', 'MarketSupervision'])
               OR EXISTS (
                    SELECT 1 FROM unnest(v.officer_ids) AS oid
                    LEFT JOIN officers o ON o.id = oid
                    LEFT JOIN jurisdictions c ON c.id = v.jurisdiction_id
                    WHERE o.id IS NULL OR o.status <> 'Active' OR o.jurisdiction_id <> c.parent_id)
            """));
        // The stored content is the canonical submission of the same visit.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visits
            WHERE (content ->> 'venueId')::uuid <> venue_id OR (content ->> 'packId')::uuid <> pack_id
               OR jsonb_array_length(content -> 'items') <> (SELECT count(*) FROM visit_items i WHERE i.visit_id = visits.id)
            """));

        // Answers belong to the visit's pack, which is the current pack of the venue's type; first visits answer every item.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visit_items vi
            JOIN visits v ON v.id = vi.visit_id
            JOIN checklist_items ci ON ci.id = vi.item_id
            WHERE ci.pack_id <> v.pack_id OR ci.code <> vi.item_code OR ci.department_kind <> vi.department_kind
            """));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visits v
            JOIN venues ve ON ve.id = v.venue_id
            JOIN checklist_packs p ON p.id = v.pack_id
            WHERE p.venue_type <> ve.type OR NOT p.is_current OR p.version <> v.pack_version
               OR (v.kind = 'AdHoc' AND (SELECT count(*) FROM visit_items i WHERE i.visit_id = v.id)
                                      <> (SELECT count(*) FROM checklist_items c WHERE c.pack_id = p.id))
            """));

        // About 12 % of first visits fail one or two items.
        var failedVisits = await Count(db, """
            SELECT count(*) FROM visits v WHERE kind = 'AdHoc' AND EXISTS (SELECT 1 FROM visit_items i WHERE i.visit_id = v.id AND i.outcome = 'Fail')
            """);
        Assert.InRange(failedVisits * 100 / visited, 8, 16);
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visits v WHERE kind = 'AdHoc'
              AND (SELECT count(*) FROM visit_items i WHERE i.visit_id = v.id AND i.outcome = 'Fail') > 2
            """));

        // Notices only for failed items, every failed item on exactly one notice, one notice per department and visit.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM rectification_notice_items ni
            JOIN rectification_notices n ON n.id = ni.notice_id
            WHERE NOT EXISTS (SELECT 1 FROM visit_items vi WHERE vi.visit_id = n.visit_id AND vi.item_code = ni.item_code
                              AND vi.outcome = 'Fail' AND vi.department_kind = n.department_kind)
            """));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM visit_items vi JOIN visits v ON v.id = vi.visit_id
            WHERE v.kind = 'AdHoc' AND vi.outcome = 'Fail'
              AND (SELECT count(*) FROM rectification_notice_items ni JOIN rectification_notices n ON n.id = ni.notice_id
                   WHERE n.visit_id = vi.visit_id AND ni.item_code = vi.item_code) <> 1
            """));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM (SELECT visit_id, department_kind FROM rectification_notices GROUP BY 1, 2 HAVING count(*) > 1) d
            """));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM rectification_notices n JOIN departments d ON d.id = n.department_id
            WHERE d.kind <> n.department_kind OR d.code <> n.authority_key
            """));

        // Numbers: all issued, unique, gap-free per authority and year; the counters continue right after the last one.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM rectification_notices WHERE number IS NULL OR serial IS NULL OR status = 'Draft' OR issued_on < (inspected_at AT TIME ZONE 'Asia/Shanghai')::date
            """));
        Assert.Equal(notices, await Count(db, "SELECT count(DISTINCT number) FROM rectification_notices"));
        Assert.Equal(notices, await Count(db, "SELECT count(DISTINCT verification_token) FROM rectification_notices"));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM (
              SELECT authority_key, year, max(serial) AS top, count(*) AS n FROM rectification_notices GROUP BY 1, 2) s
            FULL JOIN notice_number_counters c ON c.issuing_authority = s.authority_key AND c.year = s.year
            WHERE s.top IS NULL OR c.next_serial IS NULL OR s.top <> s.n OR c.next_serial <> s.top + 1
            """));
        var sample = await db.Set<RectificationNotice>().IgnoreQueryFilters().OrderByDescending(n => n.Serial).FirstAsync();
        Assert.Equal($"{sample.NumberPrefix}〔{sample.Year}〕{sample.Serial}号", sample.Number);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(sample.Serial + 1, await NoticeNumbering.NextSerialAsync(db, sample.AuthorityKey, sample.Year!.Value, default));
            await tx.RollbackAsync();
        }

        // Realistic states: mostly rectified after a re-inspection; some open with the deadline ahead, some overdue or escalated.
        var byStatus = await db.Set<RectificationNotice>().IgnoreQueryFilters().GroupBy(n => n.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Console.WriteLine($"demo history: {visits} visits, {answers} answers, {notices} notices: {string.Join(", ", byStatus)}");
        Assert.True(byStatus.GetValueOrDefault(NoticeStatus.Rectified) > notices / 2, string.Join(", ", byStatus));
        Assert.True(byStatus.GetValueOrDefault(NoticeStatus.Issued) + byStatus.GetValueOrDefault(NoticeStatus.Served) > 0, string.Join(", ", byStatus));
        Assert.True(byStatus.GetValueOrDefault(NoticeStatus.Overdue) > 0, string.Join(", ", byStatus));
        Assert.True(byStatus.GetValueOrDefault(NoticeStatus.Escalated) > 0, string.Join(", ", byStatus));
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM rectification_notices
            WHERE (status IN ('Issued', 'Served') AND deadline < DATE '2026-11-23')
               OR (status = 'Overdue' AND deadline >= DATE '2026-11-23')
               OR (status = 'Served' AND served_at IS NULL)
            """));
        // Rectified and re-inspection-escalated notices point at a re-inspection visit of the same venue after the first one.
        Assert.Equal(0, await Count(db, """
            SELECT count(*) FROM rectification_notices n
            LEFT JOIN visits r ON r.id = n.reinspection_visit_id
            LEFT JOIN visits v ON v.id = n.visit_id
            WHERE n.status = 'Rectified' AND (r.id IS NULL OR r.kind <> 'Reinspection' OR r.reinspection_of_notice_id <> n.id
                  OR r.venue_id <> n.venue_id OR r.checkin_at <= v.checkin_at OR n.closed_at IS NULL)
            """));
        Assert.Equal(byStatus.GetValueOrDefault(NoticeStatus.Escalated), await Count(db, """
            SELECT count(*) FROM escalations e JOIN rectification_notices n ON n.id = e.notice_id WHERE n.status = 'Escalated'
            """));
        Assert.Equal(0, await Count(db, "SELECT count(*) FROM escalations e JOIN rectification_notices n ON n.id = e.notice_id WHERE n.status <> 'Escalated'"));
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameHistoryAndItCanBeTurnedOff()
    {
        await using var a = _database.CreateContext();
        await using var b = _second.CreateContext();
        await new DemoDistrictSeeder().SeedIfEmptyAsync(a, Options);
        await new DemoDistrictSeeder().SeedIfEmptyAsync(b, Options);

        Assert.Equal(await Summary(a), await Summary(b));
        Assert.Equal(
            await a.Set<Visit>().IgnoreQueryFilters().OrderBy(v => v.Id).Select(v => v.Id).ToListAsync(),
            await b.Set<Visit>().IgnoreQueryFilters().OrderBy(v => v.Id).Select(v => v.Id).ToListAsync());

        var c = new TestDatabase();
        await c.InitializeAsync();
        try
        {
            await using var off = c.CreateContext();
            await new DemoDistrictSeeder().SeedIfEmptyAsync(off, Options with { History = false });
            Assert.Equal(1500, await off.Venues.IgnoreQueryFilters().CountAsync());
            Assert.Equal(0, await Count(off, "SELECT count(*) FROM visits"));
            Assert.Equal(0, await Count(off, "SELECT count(*) FROM rectification_notices"));
        }
        finally
        {
            await c.DisposeAsync();
        }
    }

    private static async Task<string> Summary(InspectionsDbContext db) => string.Join("; ", await db.Database.SqlQueryRaw<string>("""
        SELECT 'visits ' || (SELECT count(*) FROM visits) || ' answers ' || (SELECT count(*) FROM visit_items)
            || ' failed ' || (SELECT count(*) FROM visit_items WHERE outcome = 'Fail')
            || ' notices ' || coalesce((SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM
                  (SELECT status, count(*) AS n FROM rectification_notices GROUP BY status) s), '')
            || ' counters ' || coalesce((SELECT string_agg(issuing_authority || '/' || year || '=' || next_serial, ',' ORDER BY issuing_authority, year) FROM notice_number_counters), '')
            AS "Value"
        """).ToListAsync());

    private static async Task<int> Count(InspectionsDbContext db, string sql)
    {
        var text = "SELECT (" + sql + ")::int AS \"Value\"";
        return await db.Database.SqlQueryRaw<int>(text).SingleAsync();
    }
}
