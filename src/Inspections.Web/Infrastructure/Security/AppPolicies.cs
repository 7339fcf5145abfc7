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

    /// <summary>
    /// Rectification notices: edit drafts, issue (numbering), record service and re-inspection outcomes. Officers do it in
    /// the field, clerks in the office (issuing, later service, printing); leads and administrators too. Auditors read
    /// only (ADR 14).
    /// </summary>
    public const string NoticeWrite = nameof(NoticeWrite);

    /// <summary>Ledgers (台账) of visits, findings, notices and rectification status as XLSX/CSV, scoped by jurisdiction.</summary>
    public const string LedgerExport = nameof(LedgerExport);

    public const string AuditRead = nameof(AuditRead);

    /// <summary>Draft, edit and approve monthly plans (publishing assignments to officers).</summary>
    public const string PlanWrite = nameof(PlanWrite);

    /// <summary>One's own assignments as an officer: calendar feed, conflict declarations, reminders.</summary>
    public const string OwnAssignments = nameof(OwnAssignments);

    /// <summary>
    /// The dashboard and the monthly progress tables (read): leads run the meeting, clerks prepare the progress table,
    /// auditors check the figures. Officers do not see their colleagues' workload (ADR 17).
    /// </summary>
    public const string DashboardView = nameof(DashboardView);

    /// <summary>Edit and submit a street's monthly progress table (texts; the figures are computed).</summary>
    public const string ProgressReportWrite = nameof(ProgressReportWrite);

    /// <summary>The enforcement map (tiles, popups, today's teams, export of the filtered venues): registry readers (ADR 16).</summary>
    public const string MapView = nameof(MapView);

    /// <summary>Capture visits on the tablet: bootstrap, today's list, photo upload, visit submission (issue 5).</summary>
    public const string CaptureSubmit = nameof(CaptureSubmit);

    /// <summary>Publish new versions of the checklist packs (old visits keep the version they were made with).</summary>
    public const string ChecklistAdmin = nameof(ChecklistAdmin);

    /// <summary>Read the conflicting visit submissions kept for review (both versions, differences): reviewers and auditors.</summary>
    public const string CaptureConflictRead = nameof(CaptureConflictRead);

    /// <summary>Resolve a conflicting visit submission (keep the stored version or dismiss; never replace the record).</summary>
    public const string CaptureConflictReview = nameof(CaptureConflictReview);

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
        [NoticeWrite] = [Administrator, EnforcementLead, Officer, Clerk],
        [LedgerExport] = [Administrator, EnforcementLead, Clerk, Auditor],
        [AuditRead] = [Administrator, Auditor],
        [PlanWrite] = [Administrator, EnforcementLead],
        [OwnAssignments] = [Administrator, EnforcementLead, Officer],
        [DashboardView] = [Administrator, EnforcementLead, Clerk, Auditor],
        [ProgressReportWrite] = [Administrator, EnforcementLead, Clerk],
        [MapView] = [Administrator, EnforcementLead, Officer, Clerk, Auditor],
        [CaptureSubmit] = [Administrator, EnforcementLead, Officer],
        [ChecklistAdmin] = [Administrator],
        [CaptureConflictRead] = [Administrator, EnforcementLead, Auditor],
        [CaptureConflictReview] = [Administrator, EnforcementLead],
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
