using Inspections.Domain.Planning;

namespace Inspections.Domain.Tests.Planning;

public sealed class JointOperationTests
{
    [Theory]
    [InlineData(2026, 3)]
    [InlineData(2026, 5)]
    [InlineData(2026, 10)]
    public void EveryCommunityGetsAtLeastTwoJointOperationsAMonth(int year, int month)
    {
        var m = new PlanningMonth(year, month);
        var input = PlanningScenario.Standard(m).Input(m);

        var plan = MonthlyPlanner.Plan(input);

        foreach (var j in input.Jurisdictions)
        {
            var operations = plan.Operations.Where(o => o.JurisdictionId == j.Id && o.Teams.Any(t => t.Route.Count > 0)).ToList();
            Assert.True(operations.Count >= 2, $"{j.Name} has {operations.Count} operations in {m}.");
            Assert.Equal(operations.Count, operations.Select(o => o.Date).Distinct().Count());
        }
    }

    [Fact]
    public void SummerHolidayMonthsGetAtLeastFourOperationsWithEveningHolidayCampaigns()
    {
        var july = new PlanningMonth(2026, 7);
        var input = PlanningScenario.Standard(july).Input(july);

        var plan = MonthlyPlanner.Plan(input);

        foreach (var j in input.Jurisdictions)
        {
            Assert.True(plan.Operations.Count(o => o.JurisdictionId == j.Id) >= 4, $"{j.Name} needs four operations in the summer holiday.");
        }
        Assert.Contains(plan.Operations, o => o.Kind == OperationKind.HolidayCampaign);
        Assert.DoesNotContain(plan.Operations, o => o.Kind == OperationKind.Night);
        Assert.All(plan.Operations.Where(o => o.Kind == OperationKind.HolidayCampaign), o => Assert.Equal(new TimeOnly(19, 30), o.Start));
    }

    [Fact]
    public void OperationsAvoidStatutoryHolidaysAndDayOperationsAvoidWeekendsExceptMakeUpDays()
    {
        var february = new PlanningMonth(2026, 2);
        var input = PlanningScenario.Standard(february).Input(february);

        var plan = MonthlyPlanner.Plan(input);

        Assert.DoesNotContain(plan.Operations, o => ChinaPublicHolidays.Holidays2026.Contains(o.Date));
        Assert.All(plan.Operations.Where(o => o.Kind == OperationKind.Day), o =>
            Assert.True(o.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || ChinaPublicHolidays.MakeUpWorkingDays2026.Contains(o.Date), $"{o.Date} is a weekend."));
        Assert.All(plan.Operations, o => Assert.True(february.Contains(o.Date)));
    }

    [Fact]
    public void TheMinimumNumberOfOperationsIsConfigurable()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        scenario.Settings = PlanningSettings.Default with { MinOperationsPerJurisdiction = 5 };
        var input = scenario.Input(march);

        var plan = MonthlyPlanner.Plan(input);

        Assert.All(input.Jurisdictions, j => Assert.True(plan.Operations.Count(o => o.JurisdictionId == j.Id) >= 5));
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Fact]
    public void OperationNumbersRunInDateOrderAndIdsAreStableNameBasedUuids()
    {
        var march = new PlanningMonth(2026, 3);
        var input = PlanningScenario.Standard(march).Input(march);

        var plan = MonthlyPlanner.Plan(input);

        Assert.Equal(Enumerable.Range(1, plan.Operations.Count), plan.Operations.Select(o => o.Number));
        Assert.Equal(plan.Operations.OrderBy(o => o.Date).Select(o => o.Number), plan.Operations.Select(o => o.Number));
        Assert.All(plan.Operations, o => Assert.Equal(8, o.Id.Version));
        Assert.Equal(plan.Operations.Count, plan.Operations.Select(o => o.Id).Distinct().Count());
    }
}
