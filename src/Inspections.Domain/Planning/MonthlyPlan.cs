namespace Inspections.Domain.Planning;

public enum OperationKind
{
    Day,
    Night,

    /// <summary>An evening operation in a winter or summer holiday month (寒暑假专项).</summary>
    HolidayCampaign,
}

/// <summary>The planner's output for one month; persisted as the draft the lead edits and publishes.</summary>
public sealed record MonthlyPlan(
    PlanningMonth Month,
    ulong Seed,
    string InputFingerprint,
    string Algorithm,
    IReadOnlyList<PlannedOperation> Operations,
    IReadOnlyList<UnplannedVisit> Unplanned,
    IReadOnlyList<DrawRecord> DrawLog)
{
    public IEnumerable<(PlannedOperation Operation, PlannedTeam Team, PlannedVisit Visit)> Visits() =>
        from o in Operations
        from t in o.Teams
        from v in t.Route
        select (o, t, v);
}

/// <summary>One joint operation (联合执法行动) of a community on one date.</summary>
public sealed record PlannedOperation(
    Guid Id,
    int Number,
    Guid JurisdictionId,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    OperationKind Kind,
    IReadOnlyList<PlannedTeam> Teams)
{
    public DateTime StartsAt => Date.ToDateTime(Start);

    public DateTime EndsAt => End <= Start ? Date.AddDays(1).ToDateTime(End) : Date.ToDateTime(End);
}

/// <summary>A team of officers and its ordered route.</summary>
public sealed record PlannedTeam(int Number, IReadOnlyList<Guid> OfficerIds, IReadOnlyList<PlannedVisit> Route);

/// <summary>A stop on a route. Travel is from the previous stop, or from the community office for the first.</summary>
public sealed record PlannedVisit(
    int Sequence,
    Guid VenueId,
    DateTime ArrivalAt,
    int DurationMinutes,
    int TravelMetres,
    int TravelMinutes,
    IReadOnlyList<VisitReason> Reasons)
{
    public DateTime DepartsAt => ArrivalAt.AddMinutes(DurationMinutes);
}

/// <summary>Why a venue is on the plan. <see cref="Code"/> is also the localisation key; see <see cref="PlanningTexts"/>.</summary>
public sealed record VisitReason(string Code, int? Value = null)
{
    public string Chinese() => PlanningTexts.Chinese(Code, Value);

    public string English() => PlanningTexts.English(Code, Value);
}

/// <summary>A venue that was due or drawn but could not be planned this month, and why.</summary>
public sealed record UnplannedVisit(Guid VenueId, Guid JurisdictionId, string Cause, IReadOnlyList<VisitReason> Reasons);

/// <summary>
/// One random draw: <see cref="Position"/> is the zero-based index picked from the pool, listed in canonical
/// order (ids ascending as lowercase hex), which had <see cref="PoolSize"/> members. A venue pool holds the
/// community's operating venues not yet chosen; an officer pool holds the free, unconflicted officers of the
/// department with the fewest operations so far this month.
/// </summary>
public sealed record DrawRecord(int Index, string Pool, int PoolSize, int Position, Guid PickedId);
