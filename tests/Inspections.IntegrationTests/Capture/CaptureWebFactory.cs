using Inspections.Domain.Registry;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Capture;

/// <summary>
/// The real host on a two-street district with the checklist packs loaded from seed/checklists at start-up, photos in a
/// temporary folder, an officer of street A (market supervision) with a police colleague, and a lead of street B.
/// </summary>
public sealed class CaptureWebFactory : InspectionsWebFactory
{
    public const string OfficerA = "cap-officer-a";
    public const string LeadB = "cap-lead-b";
    public const string Admin = "cap-admin";

    public string PhotoRoot { get; } = Path.Combine(Path.GetTempPath(), "inspections-capture-tests", Guid.NewGuid().ToString("N"));

    public Jurisdiction StreetA { get; private set; } = null!;

    public Jurisdiction StreetB { get; private set; } = null!;

    /// <summary>A market-supervision officer (the signed-in officer) and a police officer of street A.</summary>
    public Officer[] TeamA { get; private set; } = [];

    public Officer[] TeamB { get; private set; } = [];

    public Venue VenueA { get; private set; } = null!;

    public Venue VenueB { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Capture:PhotoRoot"] = PhotoRoot,
        ["Capture:CheckInWarningMetres"] = "200",
        ["Planning:RegisterRecurringJobs"] = "false",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateContext())
        {
            await new DemoDistrictSeeder().SeedAsync(db, new DemoDistrictOptions
            {
                Seed = 23, Streets = 2, Communities = 4, Venues = 120, Schools = 8, Officers = 60,
            });
            var streets = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Street).OrderBy(j => j.Code).ToListAsync();
            (StreetA, StreetB) = (streets[0], streets[1]);
            TeamA = await TeamAsync(db, StreetA.Id);
            TeamB = await TeamAsync(db, StreetB.Id);
            VenueA = await VenueAsync(db, StreetA.Id);
            VenueB = await VenueAsync(db, StreetB.Id);
        }
        await TestAccounts.CreateUserAsync(Services, OfficerA, AppRoles.Officer, StreetA.Id, TeamA[0].Id, TeamA[0].DepartmentId);
        await TestAccounts.CreateUserAsync(Services, LeadB, AppRoles.EnforcementLead, StreetB.Id);
        await TestAccounts.CreateUserAsync(Services, Admin, AppRoles.Administrator);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(PhotoRoot))
        {
            Directory.Delete(PhotoRoot, recursive: true);
        }
    }

    private static async Task<Venue> VenueAsync(InspectionsDbContext db, Guid streetId) =>
        await db.Venues.Where(v => v.Type == VenueType.Bar && v.Status == VenueStatus.Operating
                && db.Jurisdictions.Any(j => j.Id == v.JurisdictionId && j.ParentId == streetId))
            .OrderBy(v => v.Name).FirstAsync();

    private static async Task<Officer[]> TeamAsync(InspectionsDbContext db, Guid streetId)
    {
        var market = await db.Officers.Where(o => o.JurisdictionId == streetId && o.Status == OfficerStatus.Active
            && db.Departments.Any(d => d.Id == o.DepartmentId && d.Kind == DepartmentKind.MarketSupervision)).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        var police = await db.Officers.Where(o => o.JurisdictionId == streetId && o.Status == OfficerStatus.Active
            && db.Departments.Any(d => d.Id == o.DepartmentId && d.Kind == DepartmentKind.Police)).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        return [market, police];
    }
}
