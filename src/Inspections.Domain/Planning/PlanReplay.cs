namespace Inspections.Domain.Planning;

/// <summary>The outcome of a replay: whether the published plan is exactly what the recorded input and seed give.</summary>
public sealed record ReplayResult(bool Matches, bool FingerprintMatches, string RecomputedFingerprint, string? FirstDifference);

/// <summary>Lets anyone re-run a published plan from its recorded input and seed and see the first divergence.</summary>
public static class PlanReplay
{
    public static ReplayResult Verify(PlanningInput input, MonthlyPlan published) => Verify(input, published, []);

    /// <summary>Replays the draw, applies the lead's recorded edits in order, and compares with the stored plan.</summary>
    public static ReplayResult Verify(PlanningInput input, MonthlyPlan published, IReadOnlyList<PlanEdit> edits)
    {
        var fingerprint = InputFingerprint.Compute(input);
        if (fingerprint != published.InputFingerprint)
        {
            return new(false, false, fingerprint, $"InputFingerprint: published {published.InputFingerprint}, recomputed {fingerprint}");
        }
        if (input.Seed != published.Seed)
        {
            return new(false, true, fingerprint, $"Seed: published {published.Seed}, input {input.Seed}");
        }
        var difference = FirstDifference(published, PlanEdit.ApplyAll(input, MonthlyPlanner.Plan(input), edits));
        return new(difference is null, true, fingerprint, difference);
    }

    /// <summary>The path and values of the first field where two plans differ, or null when they are identical.</summary>
    public static string? FirstDifference(MonthlyPlan expected, MonthlyPlan actual) =>
        Same("Month", expected.Month, actual.Month)
        ?? Same("Seed", expected.Seed, actual.Seed)
        ?? Same("InputFingerprint", expected.InputFingerprint, actual.InputFingerprint)
        ?? Same("Algorithm", expected.Algorithm, actual.Algorithm)
        ?? List("DrawLog", expected.DrawLog, actual.DrawLog, Draw)
        ?? List("Operations", expected.Operations, actual.Operations, Operation)
        ?? List("Unplanned", expected.Unplanned, actual.Unplanned, Unplanned);

    private static string? Draw(string path, DrawRecord a, DrawRecord b) =>
        Same($"{path}.Index", a.Index, b.Index)
        ?? Same($"{path}.Pool", a.Pool, b.Pool)
        ?? Same($"{path}.PoolSize", a.PoolSize, b.PoolSize)
        ?? Same($"{path}.Position", a.Position, b.Position)
        ?? Same($"{path}.PickedId", a.PickedId, b.PickedId);

    private static string? Operation(string path, PlannedOperation a, PlannedOperation b) =>
        Same($"{path}.Id", a.Id, b.Id)
        ?? Same($"{path}.Number", a.Number, b.Number)
        ?? Same($"{path}.JurisdictionId", a.JurisdictionId, b.JurisdictionId)
        ?? Same($"{path}.Date", a.Date, b.Date)
        ?? Same($"{path}.Start", a.Start, b.Start)
        ?? Same($"{path}.End", a.End, b.End)
        ?? Same($"{path}.Kind", a.Kind, b.Kind)
        ?? List($"{path}.Teams", a.Teams, b.Teams, Team);

    private static string? Team(string path, PlannedTeam a, PlannedTeam b) =>
        Same($"{path}.Number", a.Number, b.Number)
        ?? List($"{path}.OfficerIds", a.OfficerIds, b.OfficerIds, (p, x, y) => Same(p, x, y))
        ?? List($"{path}.Route", a.Route, b.Route, Visit);

    private static string? Visit(string path, PlannedVisit a, PlannedVisit b) =>
        Same($"{path}.Sequence", a.Sequence, b.Sequence)
        ?? Same($"{path}.VenueId", a.VenueId, b.VenueId)
        ?? Same($"{path}.ArrivalAt", a.ArrivalAt, b.ArrivalAt)
        ?? Same($"{path}.DurationMinutes", a.DurationMinutes, b.DurationMinutes)
        ?? Same($"{path}.TravelMetres", a.TravelMetres, b.TravelMetres)
        ?? Same($"{path}.TravelMinutes", a.TravelMinutes, b.TravelMinutes)
        ?? List($"{path}.Reasons", a.Reasons, b.Reasons, (p, x, y) => Same(p, x, y));

    private static string? Unplanned(string path, UnplannedVisit a, UnplannedVisit b) =>
        Same($"{path}.VenueId", a.VenueId, b.VenueId)
        ?? Same($"{path}.JurisdictionId", a.JurisdictionId, b.JurisdictionId)
        ?? Same($"{path}.Cause", a.Cause, b.Cause)
        ?? List($"{path}.Reasons", a.Reasons, b.Reasons, (p, x, y) => Same(p, x, y));

    private static string? List<T>(string path, IReadOnlyList<T> a, IReadOnlyList<T> b, Func<string, T, T, string?> item)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (item($"{path}[{i}]", a[i], b[i]) is { } difference)
            {
                return difference;
            }
        }
        return Same($"{path}.Count", a.Count, b.Count);
    }

    private static string? Same<T>(string path, T expected, T actual) =>
        EqualityComparer<T>.Default.Equals(expected, actual) ? null : $"{path}: published {expected}, replayed {actual}";
}
