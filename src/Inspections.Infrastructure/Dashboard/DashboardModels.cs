namespace Inspections.Infrastructure.Dashboard;

/// <summary>Which month and which part of the user's jurisdiction the figures cover.</summary>
public sealed record DashboardRequest(int Year, int Month, Guid? JurisdictionId);

/// <summary>A street or community the user may choose on the dashboard.</summary>
public sealed record DashboardJurisdiction(Guid Id, Guid? ParentId, string Code, string Name, bool IsStreet);

/// <summary>
/// The resolved scope: the chosen jurisdiction (null = everything the user owns) and the explicit ids every query is
/// limited to. Raw SQL does not see the EF query filters, so these ids are passed to each query (ADR 17).
/// </summary>
public sealed record DashboardScope(Guid? JurisdictionId, string Name, Guid[] JurisdictionIds, Guid? StreetId, IReadOnlyList<DashboardJurisdiction> Choices);

public sealed record PlanTotals(
    int OperationsPlanned, int OperationsDone, int VisitsPlanned, int PlannedVisitsDone, int Visits, int AdHocVisits,
    int VenuesVisited, int FailedItems, int VisitsWithFindings);

public sealed record CommunityProgress(Guid Id, string Name, int OperationsPlanned, int OperationsDone, int VisitsPlanned, int PlannedVisitsDone, int Visits, int AdHocVisits);

public sealed record DepartmentProgress(string DepartmentKind, int VisitsPlanned, int PlannedVisitsDone, int Visits);

/// <summary>Operating venues of one type and how many had a visit this quarter.</summary>
public sealed record TypeCoverage(string VenueType, int Venues, int Covered, bool QuarterlySpecialCheck)
{
    public double Percent => Venues == 0 ? 0 : Math.Round(100.0 * Covered / Venues, 1);
}

public sealed record FindingCount(string ItemCode, string ItemText, string VenueType, int Failures);

/// <summary>Notices issued in the month and where they stand now.</summary>
public sealed record NoticeFunnel(int Issued, int Served, int Rectified, int Overdue, int Escalated);

public sealed record OverdueNotice(Guid Id, string Number, Guid VenueId, string VenueName, string VenueType, string DepartmentKind, string Status, DateOnly Deadline, int DaysOverdue);

public sealed record OfficerWorkload(Guid Id, string Name, string Department, string DepartmentKind, int VisitsPlanned, int Visits, int NoticesIssued);

public sealed record MonthTrend(int Year, int Month, int VisitsPlanned, int Visits, int FailedItems, int NoticesIssued, int NoticesRectified);

/// <summary>Every figure of the dashboard (and of the monthly progress table) for one month and scope.</summary>
public sealed record DashboardFigures(
    int Year,
    int Month,
    int Quarter,
    DashboardScope Scope,
    IReadOnlyList<string> MissingSources,
    PlanTotals Totals,
    IReadOnlyList<CommunityProgress> Communities,
    IReadOnlyList<DepartmentProgress> Departments,
    IReadOnlyList<TypeCoverage> Coverage,
    IReadOnlyList<FindingCount> Findings,
    NoticeFunnel Funnel,
    IReadOnlyList<OverdueNotice> Overdue,
    IReadOnlyList<OfficerWorkload> Workload,
    IReadOnlyList<MonthTrend> Trend,
    double ElapsedMilliseconds)
{
    /// <summary>How many months of the trend came from the monthly roll-up (ADR 18); the others were computed live.</summary>
    public int RolledUpMonths { get; init; }
}

/// <summary>Server-side time of one dashboard statement under EXPLAIN (ANALYZE, BUFFERS) (benchmark and diagnosis).</summary>
public sealed record StatementTiming(string Name, double ExecutionMilliseconds, double PlanningMilliseconds, long SharedHitBlocks, long SharedReadBlocks);

/// <summary>The rows behind one bar/segment of a chart. Cells are strings; <see cref="DrillColumn.EnumType"/> tells the UI which cells to translate.</summary>
public sealed record DrillTable(string Chart, string Key, IReadOnlyList<DrillColumn> Columns, IReadOnlyList<DrillRow> Rows, bool Truncated);

public sealed record DrillColumn(string Key, string? EnumType = null);

/// <summary>One row; <see cref="VenueId"/> links to the venue page.</summary>
public sealed record DrillRow(Guid? VenueId, IReadOnlyList<string?> Cells);
