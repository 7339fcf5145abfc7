using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class DeterminismTests
{
    private static readonly PlanningMonth March = new(2026, 3);

    [Fact]
    public void TheSameInputGivesAnIdenticalPlan()
    {
        var input = PlanningScenario.Standard(March).Input(March);

        var first = MonthlyPlanner.Plan(input);
        var second = MonthlyPlanner.Plan(input);

        Assert.Null(PlanReplay.FirstDifference(first, second));
        Assert.NotEmpty(first.DrawLog);
    }

    [Fact]
    public void ShufflingTheInputOrderChangesNeitherTheFingerprintNorThePlan()
    {
        var scenario = PlanningScenario.Standard(March);
        scenario.Conflicts.Add(new OfficerConflict(scenario.Officers[0].Id, scenario.Venues[0].Id));
        scenario.Conflicts.Add(new OfficerConflict(scenario.Officers[1].Id, scenario.Venues[1].Id));
        var input = scenario.Input(March);
        var shuffled = input with
        {
            Jurisdictions = scenario.Shuffled(input.Jurisdictions),
            Venues = scenario.Shuffled(input.Venues),
            Officers = scenario.Shuffled(input.Officers.Select(o => o with { UnavailableDates = scenario.Shuffled(o.UnavailableDates) })),
            Conflicts = scenario.Shuffled(input.Conflicts.Concat(input.Conflicts)),
        };

        var plan = MonthlyPlanner.Plan(input);
        var replayed = MonthlyPlanner.Plan(shuffled);

        Assert.Equal(InputFingerprint.Compute(input), InputFingerprint.Compute(shuffled));
        Assert.Null(PlanReplay.FirstDifference(plan, replayed));
    }

    [Fact]
    public void ADifferentSeedDrawsDifferentlyFromTheSameFingerprint()
    {
        var input = PlanningScenario.Standard(March).Input(March);

        var a = MonthlyPlanner.Plan(input with { Seed = 1 });
        var b = MonthlyPlanner.Plan(input with { Seed = 2 });

        Assert.Equal(a.InputFingerprint, b.InputFingerprint);
        Assert.NotEqual(a.DrawLog.Select(d => d.PickedId), b.DrawLog.Select(d => d.PickedId));
        Assert.NotEqual(a.Operations[0].Id, b.Operations[0].Id);
    }

    [Fact]
    public void APublishedPlanReplaysToAnExactMatch()
    {
        var input = PlanningScenario.Standard(March).Input(March, seed: 0x5EED_2026_0301);
        var published = MonthlyPlanner.Plan(input);

        var result = PlanReplay.Verify(input, published);

        Assert.True(result.Matches, result.FirstDifference);
        Assert.True(result.FingerprintMatches);
        Assert.Equal(published.InputFingerprint, result.RecomputedFingerprint);
    }

    [Fact]
    public void AChangedInputIsCaughtByTheFingerprint()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var published = MonthlyPlanner.Plan(input);
        var changed = input with { Venues = [.. input.Venues.Select((v, i) => i == 7 ? v with { RiskClass = v.RiskClass == RiskClass.D ? RiskClass.A : RiskClass.D } : v)] };

        var result = PlanReplay.Verify(changed, published);

        Assert.False(result.Matches);
        Assert.False(result.FingerprintMatches);
        Assert.StartsWith("InputFingerprint", result.FirstDifference);
    }

    [Fact]
    public void AnAlteredPlanIsCaughtAtItsFirstDifference()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var published = MonthlyPlanner.Plan(input);
        var op = published.Operations[3];
        var stranger = input.Officers.First(o => !op.Teams[0].OfficerIds.Contains(o.Id)).Id;
        var altered = PlanEdits.SwapOfficer(published, op.Id, 1, op.Teams[0].OfficerIds[0], stranger);

        var result = PlanReplay.Verify(input, altered);

        Assert.False(result.Matches);
        Assert.True(result.FingerprintMatches);
        Assert.Equal($"Operations[3].Teams[0].OfficerIds[0]: published {stranger}, replayed {op.Teams[0].OfficerIds[0]}", result.FirstDifference);
    }

    [Fact]
    public void ADifferentSeedIsReportedBeforeReplaying()
    {
        var input = PlanningScenario.Standard(March).Input(March, seed: 9);
        var published = MonthlyPlanner.Plan(input);

        var result = PlanReplay.Verify(input with { Seed = 10 }, published);

        Assert.False(result.Matches);
        Assert.True(result.FingerprintMatches);
        Assert.Equal("Seed: published 9, input 10", result.FirstDifference);
    }
}
