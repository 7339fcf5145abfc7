using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Identity;
using Inspections.TestSupport;
using Npgsql;

namespace Inspections.IntegrationTests.Dashboard;

/// <summary>
/// A small, hand-made district for checking every dashboard figure by hand (October 2026, Asia/Shanghai):
/// street A (communities A1, A2) and street B (community B1); plans, visits and notices inserted directly.
/// The expected numbers are worked out in <see cref="DashboardFiguresTests"/> from the comments here.
/// </summary>
public sealed class DashboardWebFactory : InspectionsWebFactory
{
    public const string LeadA = "dash-lead-a";
    public const string LeadA1 = "dash-lead-a1";
    public const string LeadB = "dash-lead-b";
    public const string ClerkA = "dash-clerk-a";
    public const string OfficerA = "dash-officer-a";
    public const string Admin = "dash-admin";

    public static readonly Guid StreetA = G(1), A1 = G(2), A2 = G(3), StreetB = G(4), B1 = G(5);
    public static readonly Guid DeptPoliceA = G(10), DeptMarketA = G(11), DeptPoliceB = G(12);
    public static readonly Guid O1 = G(20), O2 = G(21), O3 = G(22), OB = G(23);

    // Venues: A1: V1 KTV, V2 hotel, V3 bar, V4 hotel (closed); A2: V5 internet café, V6 KTV; B1: V7 KTV.
    public static readonly Guid V1 = G(30), V2 = G(31), V3 = G(32), V4 = G(33), V5 = G(34), V6 = G(35), V7 = G(36);
    public static readonly Guid X1 = G(50), X2 = G(51), X3 = G(52), X4 = G(53), X5 = G(54), X6 = G(55), XB = G(56);
    public static readonly Guid N1 = G(70), N2 = G(71), N3 = G(72), N4 = G(73), N5 = G(74), N6 = G(75), NB = G(76);
    public static readonly Guid OpA = G(90), OpB = G(91), OpSuperseded = G(92), OpC = G(93);

    private static readonly Guid Pack = G(40);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateContext())
        {
            db.AddRange(
                new Jurisdiction(StreetA, "DA", "甲街道", JurisdictionLevel.Street, null, null),
                new Jurisdiction(StreetB, "DB", "乙街道", JurisdictionLevel.Street, null, null));
            await db.SaveChangesAsync();
            db.AddRange(
                new Jurisdiction(A1, "DA01", "甲一社区", JurisdictionLevel.Community, StreetA, null),
                new Jurisdiction(A2, "DA02", "甲二社区", JurisdictionLevel.Community, StreetA, null),
                new Jurisdiction(B1, "DB01", "乙一社区", JurisdictionLevel.Community, StreetB, null),
                new Department(DeptPoliceA, "PA", "甲派出所", "派出所", DepartmentKind.Police, StreetA),
                new Department(DeptMarketA, "MA", "甲市场监管所", "市场所", DepartmentKind.MarketSupervision, StreetA),
                new Department(DeptPoliceB, "PB", "乙派出所", "派出所", DepartmentKind.Police, StreetB));
            await db.SaveChangesAsync();
            db.AddRange(
                new Officer(O1, "王一", DeptPoliceA, "P001", StreetA),
                new Officer(O2, "李二", DeptMarketA, "M002", StreetA),
                new Officer(O3, "张三", DeptPoliceA, "P003", StreetA),
                new Officer(OB, "赵乙", DeptPoliceB, "P900", StreetB),
                Venue(V1, "欢唱KTV", VenueType.Ktv, A1),
                Venue(V2, "如家旅馆", VenueType.Hotel, A1),
                Venue(V3, "夜色酒吧", VenueType.Bar, A1),
                Venue(V4, "旧旅馆", VenueType.Hotel, A1, VenueStatus.Closed),
                Venue(V5, "极速网吧", VenueType.InternetCafe, A2),
                Venue(V6, "星光KTV", VenueType.Ktv, A2),
                Venue(V7, "乙区KTV", VenueType.Ktv, B1));
            await db.SaveChangesAsync();
        }

        await using var c = new NpgsqlConnection(Database.ConnectionString);
        await c.OpenAsync();

        // Plans: street A approved (OpA in A1 with V1–V3, OpB in A2 with V5, V6) and a superseded one (ignored); street B: OpC.
        var planA = Guid.NewGuid();
        var planOld = Guid.NewGuid();
        var planB = Guid.NewGuid();
        await Plan(c, planA, StreetA, "Approved");
        await Plan(c, planOld, StreetA, "Superseded");
        await Plan(c, planB, StreetB, "Approved");
        await Operation(c, OpA, planA, 1, A1, new DateOnly(2026, 10, 10), [O1, O2], [V1, V2, V3]);
        await Operation(c, OpB, planA, 2, A2, new DateOnly(2026, 10, 17), [O1, O3], [V5, V6]);
        await Operation(c, OpSuperseded, planOld, 1, A1, new DateOnly(2026, 10, 5), [O1, O2], [V1]);
        await Operation(c, OpC, planB, 1, B1, new DateOnly(2026, 10, 12), [OB], [V7]);

        await RowInserter.InsertAsync(c, "checklist_packs", new Dictionary<string, object?>
        {
            ["id"] = Pack, ["venue_type"] = "Ktv", ["version"] = 9999, ["title_zh"] = "测试清单", ["title_en"] = "Test pack", ["is_current"] = false,
        });
        foreach (var (code, text) in new[] { ("K-01", "接纳未成年人"), ("K-02", "未设置禁入标志"), ("K-03", "营业时间"), ("H-01", "未落实五必须"), ("H-02", "登记"), ("C-01", "未核验身份证") })
        {
            await RowInserter.InsertAsync(c, "checklist_items", new Dictionary<string, object?>
            {
                ["id"] = Item(code), ["pack_id"] = Pack, ["code"] = code, ["text_zh"] = text, ["text_en"] = code, ["department_kind"] = "Police",
                ["severity"] = "Major",
            });
        }

        // Visits (local times). X4 is a conflicting duplicate, X5 falls on 1 November local time, X6 in September.
        await Visit(c, X1, V1, A1, "Planned", At(2026, 10, 10, 10, 0), [O1, O2], ["Police", "MarketSupervision"], ("K-01", "Fail"), ("K-02", "Fail"), ("K-03", "Pass"));
        await Visit(c, X2, V2, A1, "Planned", At(2026, 10, 10, 11, 0), [O1, O2], ["Police", "MarketSupervision"], ("H-01", "Fail"), ("H-02", "Pass"));
        await Visit(c, X3, V5, A2, "AdHoc", At(2026, 10, 31, 23, 30), [O1, O3], ["Police"], ("C-01", "Fail"));
        await Visit(c, X4, V6, A2, "Planned", At(2026, 10, 17, 9, 0), [O1, O3], ["Police"], status: "Conflict");
        await Visit(c, X5, V6, A2, "Planned", At(2026, 11, 1, 0, 30), [O1, O3], ["Police"]);
        await Visit(c, X6, V1, A1, "Complaint", At(2026, 9, 15, 15, 0), [O1, O2], ["Police"]);
        await Visit(c, XB, V7, B1, "Planned", At(2026, 10, 12, 10, 0), [OB], ["Police"], ("K-01", "Fail"));

        var past = new DateOnly(2026, 10, 20);
        var future = new DateOnly(2099, 1, 1);
        await Notice(c, N1, X1, V1, A1, DeptPoliceA, "Police", "Issued", At(2026, 10, 10, 12, 0), past, served: null, escalated: null, [O1, O2]);
        await Notice(c, N2, X1, V1, A1, DeptMarketA, "MarketSupervision", "Served", At(2026, 10, 10, 12, 5), future, At(2026, 10, 11, 9, 0), null, [O1, O2]);
        await Notice(c, N3, X2, V2, A1, DeptPoliceA, "Police", "Rectified", At(2026, 10, 10, 12, 10), new DateOnly(2026, 10, 15), At(2026, 10, 10, 12, 30), null, [O1, O2]);
        await Notice(c, N4, X3, V5, A2, DeptPoliceA, "Police", "Escalated", At(2026, 10, 31, 23, 50), new DateOnly(2026, 11, 3), At(2026, 10, 31, 23, 55), At(2026, 11, 5, 9, 0), [O1, O3]);
        await Notice(c, N5, X3, V5, A2, DeptMarketA, "MarketSupervision", "Draft", null, future, null, null, [O1, O3]);
        await Notice(c, N6, X6, V1, A1, DeptPoliceA, "Police", "Overdue", At(2026, 9, 20, 10, 0), new DateOnly(2026, 9, 30), At(2026, 9, 20, 10, 5), null, [O1, O2]);
        await Notice(c, NB, XB, V7, B1, DeptPoliceB, "Police", "Issued", At(2026, 10, 12, 11, 0), past, null, null, [OB]);

        await TestAccounts.CreateUserAsync(Services, Admin, AppRoles.Administrator);
        await TestAccounts.CreateUserAsync(Services, LeadA, AppRoles.EnforcementLead, StreetA);
        await TestAccounts.CreateUserAsync(Services, LeadA1, AppRoles.EnforcementLead, A1);
        await TestAccounts.CreateUserAsync(Services, LeadB, AppRoles.EnforcementLead, StreetB);
        await TestAccounts.CreateUserAsync(Services, ClerkA, AppRoles.Clerk, StreetA);
        await TestAccounts.CreateUserAsync(Services, OfficerA, AppRoles.Officer, StreetA, O1, DeptPoliceA);
    }

    public static DateTimeOffset At(int y, int m, int d, int h, int min) => new DateTimeOffset(y, m, d, h, min, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public static Guid Item(string code) => new($"00000000-0000-0000-0001-{Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(code.PadRight(6)))}");

    private static Guid G(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");

    private static Venue Venue(Guid id, string name, VenueType type, Guid community, VenueStatus status = VenueStatus.Operating) =>
        new(id, new VenueDetails(name, type, null, null, "测试路1号", Geo.Point(113.6, 28.1), null, null, status, RiskClass.B, null, null, null, community));

    private static Task Plan(NpgsqlConnection c, Guid id, Guid street, string status) => RowInserter.InsertAsync(c, "monthly_plans", new Dictionary<string, object?>
    {
        ["id"] = id, ["street_jurisdiction_id"] = street, ["year"] = 2026, ["month"] = 10, ["status"] = status,
    });

    private static async Task Operation(NpgsqlConnection c, Guid id, Guid plan, int number, Guid community, DateOnly date, Guid[] team, Guid[] venues)
    {
        var teams = System.Text.Json.JsonSerializer.Serialize(new[] { new { number = 1, officerIds = team } });
        await RowInserter.InsertAsync(c, "planned_operations", new Dictionary<string, object?>
        {
            ["id"] = id, ["plan_id"] = plan, ["number"] = number, ["jurisdiction_id"] = community, ["date"] = date, ["kind"] = "Joint", ["teams"] = teams,
        });
        for (var i = 0; i < venues.Length; i++)
        {
            await RowInserter.InsertAsync(c, "planned_visits", new Dictionary<string, object?>
            {
                ["plan_id"] = plan, ["operation_id"] = id, ["team_number"] = 1, ["sequence"] = i + 1, ["venue_id"] = venues[i], ["reasons"] = "[]",
            });
        }
    }

    private static async Task Visit(NpgsqlConnection c, Guid id, Guid venue, Guid community, string kind, DateTimeOffset at, Guid[] officers, string[] departments,
        params (string Code, string Outcome)[] items) => await Visit(c, id, venue, community, kind, at, officers, departments, "Submitted", items);

    private static async Task Visit(NpgsqlConnection c, Guid id, Guid venue, Guid community, string kind, DateTimeOffset at, Guid[] officers, string[] departments,
        string status, params (string Code, string Outcome)[] items)
    {
        await RowInserter.InsertAsync(c, "visits", new Dictionary<string, object?>
        {
            ["id"] = id, ["venue_id"] = venue, ["jurisdiction_id"] = community, ["kind"] = kind, ["officer_ids"] = officers, ["department_kinds"] = departments,
            ["pack_id"] = Pack, ["checkin_at"] = at, ["submitted_at"] = at, ["server_received_at"] = at, ["status"] = status,
        });
        foreach (var (code, outcome) in items)
        {
            await RowInserter.InsertAsync(c, "visit_items", new Dictionary<string, object?>
            {
                ["visit_id"] = id, ["item_id"] = Item(code), ["item_code"] = code, ["department_kind"] = "Police", ["outcome"] = outcome, ["note"] = $"{code} 备注",
            });
        }
    }

    private static Task Notice(NpgsqlConnection c, Guid id, Guid visit, Guid venue, Guid community, Guid department, string kind, string status,
        DateTimeOffset? issued, DateOnly deadline, DateTimeOffset? served, DateTimeOffset? escalated, Guid[] officers) =>
        RowInserter.InsertAsync(c, "rectification_notices", new Dictionary<string, object?>
        {
            ["id"] = id, ["visit_id"] = visit, ["venue_id"] = venue, ["jurisdiction_id"] = community, ["department_id"] = department,
            ["department_kind"] = kind, ["status"] = status, ["issued_at"] = issued, ["deadline"] = deadline, ["served_at"] = served,
            ["escalated_at"] = escalated, ["officer_ids"] = officers, ["number"] = $"测责改〔2026〕{id.ToString()[^2..]}号",
            ["verification_token"] = id.ToString("N"),
        });
}
