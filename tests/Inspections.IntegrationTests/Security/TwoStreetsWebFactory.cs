using Inspections.Domain.Registry;
using Inspections.Infrastructure.Identity;
using Inspections.Seed;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// A generated district with two streets (A and B), and one account per role in street A plus a lead of street B
/// and a lead of one community of A. Street B is the "foreign jurisdiction" of the scoping tests.
/// </summary>
public sealed class TwoStreetsWebFactory : InspectionsWebFactory
{
    public const string Admin = "sec-admin";
    public const string LeadA = "sec-lead-a";
    public const string CommunityLeadA1 = "sec-lead-a1";
    public const string OfficerA = "sec-officer-a";
    public const string ClerkA = "sec-clerk-a";
    public const string Auditor = "sec-auditor";
    public const string LeadB = "sec-lead-b";

    public Jurisdiction StreetA { get; private set; } = null!;

    public Jurisdiction StreetB { get; private set; } = null!;

    /// <summary>Communities of A in code order: A1 is the community lead's, A2 another one of street A.</summary>
    public Jurisdiction CommunityA1 { get; private set; } = null!;

    public Jurisdiction CommunityA2 { get; private set; } = null!;

    public Jurisdiction CommunityB { get; private set; } = null!;

    public Venue VenueA1 { get; private set; } = null!;

    public Venue VenueA2 { get; private set; } = null!;

    public Venue VenueB { get; private set; } = null!;

    public Officer OfficerRecordA { get; private set; } = null!;

    public Officer OfficerRecordB { get; private set; } = null!;

    public School SchoolA { get; private set; } = null!;

    public School SchoolB { get; private set; } = null!;

    public Department DepartmentA { get; private set; } = null!;

    public Department DepartmentB { get; private set; } = null!;

    /// <summary>A point inside community B (and so outside street A).</summary>
    public (double Lon, double Lat) PointInB { get; private set; }

    public (double Lon, double Lat) PointInA1 { get; private set; }

    public (double Lon, double Lat) PointInA2 { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateContext();
        await new DemoDistrictSeeder().SeedAsync(db, new DemoDistrictOptions
        {
            Seed = 7, Streets = 2, Communities = 4, Venues = 240, Schools = 16, Officers = 40,
        });

        var streets = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Street).OrderBy(j => j.Code).ToListAsync();
        (StreetA, StreetB) = (streets[0], streets[1]);
        var communitiesA = await db.Jurisdictions.Where(j => j.ParentId == StreetA.Id).OrderBy(j => j.Code).ToListAsync();
        (CommunityA1, CommunityA2) = (communitiesA[0], communitiesA[1]);
        CommunityB = await db.Jurisdictions.Where(j => j.ParentId == StreetB.Id).OrderBy(j => j.Code).FirstAsync();
        VenueA1 = await db.Venues.Where(v => v.JurisdictionId == CommunityA1.Id).OrderBy(v => v.Name).FirstAsync();
        VenueA2 = await db.Venues.Where(v => v.JurisdictionId == CommunityA2.Id).OrderBy(v => v.Name).FirstAsync();
        VenueB = await db.Venues.Where(v => v.JurisdictionId == CommunityB.Id && v.LegalRepresentativeIdNumber != null).OrderBy(v => v.Name).FirstAsync();
        OfficerRecordA = await db.Officers.Where(o => o.JurisdictionId == StreetA.Id && o.ResidentIdNumber != null).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        OfficerRecordB = await db.Officers.Where(o => o.JurisdictionId == StreetB.Id).OrderBy(o => o.EnforcementIdNumber).FirstAsync();
        SchoolA = await db.Schools.Where(s => s.JurisdictionId == CommunityA1.Id || s.JurisdictionId == CommunityA2.Id).OrderBy(s => s.Name).FirstAsync();
        SchoolB = await db.Schools.Where(s => s.JurisdictionId == CommunityB.Id).OrderBy(s => s.Name).FirstAsync();
        DepartmentA = await db.Departments.SingleAsync(d => d.Id == OfficerRecordA.DepartmentId);
        DepartmentB = await db.Departments.Where(d => d.JurisdictionId == StreetB.Id).OrderBy(d => d.Code).FirstAsync();
        PointInB = await InteriorPointAsync(db, CommunityB.Id);
        PointInA1 = await InteriorPointAsync(db, CommunityA1.Id);
        PointInA2 = await InteriorPointAsync(db, CommunityA2.Id);

        await TestAccounts.CreateUserAsync(Services, Admin, AppRoles.Administrator);
        await TestAccounts.CreateUserAsync(Services, LeadA, AppRoles.EnforcementLead, StreetA.Id);
        await TestAccounts.CreateUserAsync(Services, CommunityLeadA1, AppRoles.EnforcementLead, CommunityA1.Id);
        await TestAccounts.CreateUserAsync(Services, OfficerA, AppRoles.Officer, StreetA.Id, OfficerRecordA.Id, OfficerRecordA.DepartmentId);
        await TestAccounts.CreateUserAsync(Services, ClerkA, AppRoles.Clerk, StreetA.Id);
        await TestAccounts.CreateUserAsync(Services, Auditor, AppRoles.Auditor);
        await TestAccounts.CreateUserAsync(Services, LeadB, AppRoles.EnforcementLead, StreetB.Id);
    }

    private static async Task<(double, double)> InteriorPointAsync(Infrastructure.Persistence.InspectionsDbContext db, Guid jurisdictionId)
    {
        var p = await db.Database.SqlQuery<PointRow>(
                $"SELECT ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat FROM jurisdictions WHERE id = {jurisdictionId}")
            .SingleAsync();
        return (p.Lon, p.Lat);
    }

    private sealed class PointRow
    {
        public double Lon { get; set; }

        public double Lat { get; set; }
    }
}
