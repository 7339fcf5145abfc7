using Inspections.Domain.Registry;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Seed;

public sealed record DemoLogin(string UserName, string Password, string Role, string DisplayName);

/// <summary>
/// One account per role in the demo district's first street, all with the same well-known password. Created only by
/// demo seeding (Seed:DemoOnEmptyDatabase and Seed:DemoAccounts), never for a real database. Idempotent: missing
/// accounts are added on every start, existing ones are left alone.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Meets the password policy (10+ characters, upper, lower, digit). Printed by run.sh and the README.</summary>
    public const string Password = "Demo@2026!x";

    public const string Administrator = "admin";
    public const string StreetLead = "lead";
    public const string CommunityLead = "lead-community";
    public const string PoliceOfficer = "officer-police";
    public const string MarketOfficer = "officer-market";
    public const string Clerk = "clerk";
    public const string Auditor = "auditor";

    private static readonly string[] Order = [Administrator, StreetLead, CommunityLead, PoliceOfficer, MarketOfficer, Clerk, Auditor];

    /// <summary>Creates the accounts that are missing; returns every demo account that exists. Empty without a demo district.</summary>
    public static async Task<IReadOnlyList<DemoLogin>> EnsureAsync(InspectionsDbContext db, UserManager<AppUser> users, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var jurisdictions = db.Jurisdictions.IgnoreQueryFilters().AsNoTracking();
        var street = await jurisdictions.Where(j => j.Level == JurisdictionLevel.Street).OrderBy(j => j.Code).FirstOrDefaultAsync(ct);
        if (street is null)
        {
            return [];
        }
        var community = await jurisdictions.Where(j => j.ParentId == street.Id).OrderBy(j => j.Code).FirstOrDefaultAsync(ct);
        var police = await FirstOfficerAsync(db, street.Id, DepartmentKind.Police, ct);
        var market = await FirstOfficerAsync(db, street.Id, DepartmentKind.MarketSupervision, ct);
        var office = await db.Departments.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.JurisdictionId == street.Id && d.Kind == DepartmentKind.LeadOffice)
            .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);

        var wanted = new List<(AppUser User, string Role)>
        {
            (New(Administrator, "系统管理员"), AppRoles.Administrator),
            (New(StreetLead, $"{street.Name}执法组长", street.Id), AppRoles.EnforcementLead),
            (New(Clerk, $"{street.Name}内勤", street.Id, departmentId: office), AppRoles.Clerk),
            (New(Auditor, "督查审计员"), AppRoles.Auditor),
        };
        if (community is not null)
        {
            wanted.Add((New(CommunityLead, $"{community.Name}执法组长", community.Id), AppRoles.EnforcementLead));
        }
        if (police is not null)
        {
            wanted.Add((New(PoliceOfficer, police.Name, street.Id, police.Id, police.DepartmentId), AppRoles.Officer));
        }
        if (market is not null)
        {
            wanted.Add((New(MarketOfficer, market.Name, street.Id, market.Id, market.DepartmentId), AppRoles.Officer));
        }

        var logins = new List<DemoLogin>();
        foreach (var (user, role) in wanted.OrderBy(w => Array.IndexOf(Order, w.User.UserName)))
        {
            var existing = await users.FindByNameAsync(user.UserName!);
            if (existing is null)
            {
                IdentitySeeding.Check(await users.CreateAsync(user, Password), $"demo account {user.UserName}");
                IdentitySeeding.Check(await users.AddToRoleAsync(user, role), $"the role of demo account {user.UserName}");
                existing = user;
            }
            logins.Add(new DemoLogin(existing.UserName!, Password, role, existing.DisplayName));
        }
        return logins;
    }

    /// <summary>The demo accounts that exist, in a fixed order (nothing is created).</summary>
    public static async Task<IReadOnlyList<DemoLogin>> ListAsync(UserManager<AppUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var logins = new List<DemoLogin>();
        foreach (var name in Order)
        {
            if (await users.FindByNameAsync(name) is { } user)
            {
                var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? string.Empty;
                logins.Add(new DemoLogin(name, Password, role, user.DisplayName));
            }
        }
        return logins;
    }

    private static Task<Officer?> FirstOfficerAsync(InspectionsDbContext db, Guid streetId, DepartmentKind kind, CancellationToken ct) =>
        db.Officers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.JurisdictionId == streetId && o.Status == OfficerStatus.Active
                        && db.Departments.IgnoreQueryFilters().Any(d => d.Id == o.DepartmentId && d.Kind == kind))
            .OrderBy(o => o.EnforcementIdNumber)
            .FirstOrDefaultAsync(ct);

    private static AppUser New(string userName, string displayName, Guid? jurisdictionId = null, Guid? officerId = null, Guid? departmentId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = userName,
        DisplayName = displayName,
        JurisdictionId = jurisdictionId,
        OfficerId = officerId,
        DepartmentId = departmentId,
    };
}
