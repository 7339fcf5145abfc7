using Inspections.Domain.Common;

namespace Inspections.Domain.Planning;

public enum PlanEditKind
{
    MoveVisit,
    SwapOfficer,
    RemoveVisit,
    AddVisit,
}

/// <summary>
/// One edit of the lead, as stored in the plan's edit log. Replaying the planner on the stored input and seed and then
/// applying the log in order gives exactly the stored plan, so edited plans stay verifiable (ADR 15).
/// </summary>
public sealed record PlanEdit(
    PlanEditKind Kind,
    Guid? VenueId = null,
    Guid? OperationId = null,
    int? TeamNumber = null,
    Guid? RemoveOfficerId = null,
    Guid? AddOfficerId = null,
    int? DurationMinutes = null)
{
    /// <summary>Minutes of an added visit when the edit names none.</summary>
    public const int DefaultDurationMinutes = 30;

    public MonthlyPlan Apply(PlanningInput input, MonthlyPlan plan) => Kind switch
    {
        PlanEditKind.MoveVisit => PlanEdits.MoveVisit(input, plan, Need(VenueId, "venueId"), Need(OperationId, "operationId"), Need(TeamNumber, "teamNumber")),
        PlanEditKind.SwapOfficer => PlanEdits.SwapOfficer(
            plan, Need(OperationId, "operationId"), Need(TeamNumber, "teamNumber"), Need(RemoveOfficerId, "removeOfficerId"), Need(AddOfficerId, "addOfficerId")),
        PlanEditKind.RemoveVisit => PlanEdits.RemoveVisit(input, plan, Need(VenueId, "venueId")),
        PlanEditKind.AddVisit => PlanEdits.AddVisit(
            input, plan, Need(VenueId, "venueId"), Need(OperationId, "operationId"), Need(TeamNumber, "teamNumber"), DurationMinutes ?? DefaultDurationMinutes),
        _ => throw new DomainException("planning.edit.unknown_kind", $"Unknown edit {Kind}."),
    };

    /// <summary>Applies a log of edits in order.</summary>
    public static MonthlyPlan ApplyAll(PlanningInput input, MonthlyPlan plan, IEnumerable<PlanEdit> edits) =>
        edits.Aggregate(plan, (p, e) => e.Apply(input, p));

    private T Need<T>(T? value, string name)
        where T : struct =>
        value ?? throw new DomainException("planning.edit.missing_field", $"The {Kind} edit needs {name}.");
}
