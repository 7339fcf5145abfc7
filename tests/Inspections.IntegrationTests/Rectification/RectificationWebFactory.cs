using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Rectification;

/// <summary>
/// The real host on a small two-street district, with an internet-café checklist pack whose items belong to market
/// supervision (M-01 on the spot, M-02 seven days) and the police (P-01 three days, P-02). Visits are written as the
/// capture sync writes them and handed to the rectification handler inside a transaction, as the sync does.
/// </summary>
public sealed class RectificationWebFactory : InspectionsWebFactory
{
    public const string LeadA = "rect-lead-a";
    public const string OfficerA = "rect-officer-a";
    public const string LeadB = "rect-lead-b";

    public Jurisdiction StreetA { get; private set; } = null!;

    public Jurisdiction StreetB { get; private set; } = null!;

    public ChecklistPack Pack { get; private set; } = null!;

    /// <summary>A market-supervision and a police officer of street A (a joint team).</summary>
    public Officer[] TeamA { get; private set; } = [];

    public Officer[] TeamB { get; private set; } = [];

    /// <summary>Where signature files go (<c>Capture:PhotoRoot</c>); deleted with the fixture.</summary>
    public string PhotoRoot { get; } = Path.Combine(Path.GetTempPath(), "inspections-rectification-tests", Guid.NewGuid().ToString("N"));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Capture:PhotoRoot"] = PhotoRoot,
        ["Rectification:PublicBaseUrl"] = "https://verify.example.cn",
        ["Planning:RegisterRecurringJobs"] = "false",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateContext();
        await new DemoDistrictSeeder().SeedAsync(db, new DemoDistrictOptions
        {
            Seed = 11, Streets = 2, Communities = 4, Venues = 120, Schools = 8, Officers = 60,
        });
        var streets = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Street).OrderBy(j => j.Code).ToListAsync();
        (StreetA, StreetB) = (streets[0], streets[1]);
        TeamA = await TeamAsync(db, StreetA.Id);
        TeamB = await TeamAsync(db, StreetB.Id);

        Pack = new ChecklistPack(Guid.Empty, VenueType.InternetCafe, 1, "网吧检查表", "Internet café checklist", DateTimeOffset.UtcNow);
        Pack.AddItem(new("M-01", 1, "入口处设置“未成年人禁止进入”标志", "No-minors sign at the entrance", DepartmentKind.MarketSupervision,
            "《中华人民共和国未成年人保护法》第五十八条", "《中华人民共和国未成年人保护法》第一百二十三条", "警告，并处五万元以下罚款",
            ItemSeverity.Major, 0, "在经营场所入口处显著位置设置“未成年人禁止进入”标志"));
        Pack.AddItem(new("M-02", 2, "核对上网人员身份证件并登记", "ID checks and register", DepartmentKind.MarketSupervision,
            "《互联网上网服务营业场所管理条例》第二十三条", "《互联网上网服务营业场所管理条例》第三十一条", "警告，可以并处一万五千元以下的罚款",
            ItemSeverity.Major, 7, "建立并落实上网人员身份证件核对、登记制度"));
        Pack.AddItem(new("P-01", 3, "不得向未成年人出售烟酒", "No tobacco or alcohol to minors", DepartmentKind.Police,
            "《中华人民共和国未成年人保护法》第五十九条", "《中华人民共和国未成年人保护法》第一百二十三条", "责令改正，给予警告，没收违法所得，可以并处五万元以下罚款",
            ItemSeverity.Critical, 3, "设置不向未成年人出售烟酒的标志，核验购买者年龄"));
        Pack.AddItem(new("P-02", 4, "场所从业人员年龄", "Staff age", DepartmentKind.Police,
            "《中华人民共和国未成年人保护法》第六十一条", null, null, ItemSeverity.Minor, 3, null));
        db.Add(Pack);
        await db.SaveChangesAsync();

        await TestAccounts.CreateUserAsync(Services, LeadA, Infrastructure.Identity.AppRoles.EnforcementLead, StreetA.Id);
        await TestAccounts.CreateUserAsync(Services, OfficerA, Infrastructure.Identity.AppRoles.Officer, StreetA.Id, TeamA[0].Id, TeamA[0].DepartmentId);
        await TestAccounts.CreateUserAsync(Services, LeadB, Infrastructure.Identity.AppRoles.EnforcementLead, StreetB.Id);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(PhotoRoot))
        {
            Directory.Delete(PhotoRoot, recursive: true);
        }
    }

    private static async Task<Officer[]> TeamAsync(InspectionsDbContext db, Guid streetId)
    {
        var market = await db.Officers.Where(o => o.JurisdictionId == streetId
            && db.Departments.Any(d => d.Id == o.DepartmentId && d.Kind == DepartmentKind.MarketSupervision)).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        var police = await db.Officers.Where(o => o.JurisdictionId == streetId
            && db.Departments.Any(d => d.Id == o.DepartmentId && d.Kind == DepartmentKind.Police)).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        return [market, police];
    }

    /// <summary>
    /// A venue of the street with a credit code and a legal representative; a different one for each call.
    /// <paramref name="operating"/>: only an operating venue (the planner reads no others).
    /// </summary>
    public async Task<Venue> NextVenueAsync(Jurisdiction street, bool operating = false)
    {
        await using var db = Database.CreateContext();
        var used = await db.Set<Visit>().Select(v => v.VenueId).Distinct().ToListAsync();
        return await db.Venues.Where(v => v.CreditCode != null && v.LegalRepresentative != null && !used.Contains(v.Id)
                && (!operating || v.Status == VenueStatus.Operating)
                && db.Jurisdictions.Any(j => j.Id == v.JurisdictionId && j.ParentId == street.Id))
            .OrderBy(v => v.Name).FirstAsync();
    }

    /// <summary>
    /// Writes a submitted visit (items by code → outcome, one photo per failed item) and runs the rectification handler
    /// in the same transaction, as the capture sync does. Returns the visit id and the drafted notice ids.
    /// </summary>
    public async Task<(Guid VisitId, IReadOnlyList<Guid> NoticeIds)> SubmitVisitAsync(
        Venue venue, Officer[] team, Dictionary<string, ItemOutcome> outcomes, DateTimeOffset? at = null,
        VisitKind kind = VisitKind.Planned, Guid? reinspectionOf = null, (Guid Stop, Guid Operation)? planned = null,
        IReadOnlyList<(SignerRole Role, string Name, string StoredPath)>? signatures = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
        var when = at ?? DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        var visit = new Visit(new VisitData(
            id, venue.Id, planned?.Stop, planned?.Operation, kind, reinspectionOf, venue.JurisdictionId!.Value, [.. team.Select(o => o.Id)],
            ["MarketSupervision", "Police"], Pack.Id, 1, when, Geo.Point(venue.Location.X, venue.Location.Y), 8, 12, null,
            "王丽", "店长", "11010519491231002X", "138 2651 0042", true, true, "检查时场所内有上网人员46名。", "无异议。", false, null,
            when.AddMinutes(-5), when.AddMinutes(40), when.AddMinutes(41), new string('a', 64), "test", "{}"));
        var items = Pack.Items.Where(i => outcomes.ContainsKey(i.Code)).ToList();
        foreach (var item in items)
        {
            var outcome = outcomes[item.Code];
            visit.AddItem(new VisitItem(id, item.Id, item.Code, item.DepartmentKind, outcome,
                outcome == ItemOutcome.Fail ? $"{item.Code}现场查见不符合情形。" : null));
            if (outcome == ItemOutcome.Fail)
            {
                visit.AddPhoto(new VisitPhoto(Guid.CreateVersion7(), id, item.Code, new string('b', 63) + item.Code[^1], $"photos/{id:N}-{item.Code}.jpg",
                    "image/jpeg", 1600, 1200, when, 200_000));
            }
        }
        foreach (var (role, name, path) in signatures ?? [(SignerRole.Party, "王丽", "sig/party.png")])
        {
            visit.AddSignature(new VisitSignature(id, role, name, new string((char)('c' + (int)role), 64), path));
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Add(visit);
        await db.SaveChangesAsync();
        var handler = scope.ServiceProvider.GetServices<IVisitSubmittedHandler>().OfType<RectificationVisitHandler>().Single();
        await handler.OnVisitSubmittedAsync(id, db, CancellationToken.None);
        await tx.CommitAsync();
        return (id, scope.ServiceProvider.GetRequiredService<VisitSubmittedContext>().NoticeIds.ToList());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
