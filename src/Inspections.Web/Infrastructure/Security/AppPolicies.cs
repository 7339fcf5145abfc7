using Microsoft.AspNetCore.Authorization;
using static Inspections.Infrastructure.Identity.AppRoles;

namespace Inspections.Web.Infrastructure.Security;

/// <summary>
/// One named policy per capability; every endpoint and page names the one it needs (the security tests fail for an
/// endpoint that names none). Which rows a user reaches is decided separately, by jurisdiction (ADR 9).
/// </summary>
public static class AppPolicies
{
    /// <summary>Any signed-in account (who am I, sign-out).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Read venues, schools, officers, departments and jurisdictions of one's own jurisdiction.</summary>
    public const string RegistryRead = nameof(RegistryRead);

    /// <summary>Register and edit venues (officers register venues in the field; they do not delete them).</summary>
    public const string VenueWrite = nameof(VenueWrite);

    public const string VenueDelete = nameof(VenueDelete);

    public const string SchoolWrite = nameof(SchoolWrite);

    public const string OfficerWrite = nameof(OfficerWrite);

    /// <summary>Jurisdictions (streets, communities, boundaries) and departments.</summary>
    public const string ReferenceDataWrite = nameof(ReferenceDataWrite);

    public const string ImportVenues = nameof(ImportVenues);

    /// <summary>See a full resident ID number (audited); everyone else sees it masked.</summary>
    public const string ResidentIdReveal = nameof(ResidentIdReveal);

    /// <summary>Print notices, records and lists.</summary>
    public const string DocumentsPrint = nameof(DocumentsPrint);

    public const string AuditRead = nameof(AuditRead);

    /// <summary>Accounts, the Hangfire dashboard and other admin pages.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Policy → roles that hold it. The single source for the policies, the menus and the security tests.</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>
    {
        [SignedIn] = [Administrator, EnforcementLead, Officer, Clerk, Auditor],
        [RegistryRead] = [Administrator, EnforcementLead, Officer, Clerk, Auditor],
        [VenueWrite] = [Administrator, EnforcementLead, Officer],
        [VenueDelete] = [Administrator, EnforcementLead],
        [SchoolWrite] = [Administrator, EnforcementLead],
        [OfficerWrite] = [Administrator, EnforcementLead],
        [ReferenceDataWrite] = [Administrator],
        [ImportVenues] = [Administrator, EnforcementLead],
        [ResidentIdReveal] = [Administrator, EnforcementLead],
        [DocumentsPrint] = [Administrator, EnforcementLead, Clerk],
        [AuditRead] = [Administrator, Auditor],
        [Administration] = [Administrator],
    };

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        // Safety net: an endpoint or page that names no policy still needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
