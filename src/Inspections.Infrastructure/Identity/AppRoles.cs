namespace Inspections.Infrastructure.Identity;

/// <summary>The five roles. Names are stored in the roles table; what each may do is in the web host's policies.</summary>
public static class AppRoles
{
    public const string Administrator = "Administrator";

    /// <summary>执法组长: leads enforcement in a street (and its communities) or in one community.</summary>
    public const string EnforcementLead = "EnforcementLead";

    /// <summary>执法人员 of a department, working in a street.</summary>
    public const string Officer = "Officer";

    /// <summary>内勤: documents and printing.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Read-only auditor (审计/督查).</summary>
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Administrator, EnforcementLead, Officer, Clerk, Auditor];
}
