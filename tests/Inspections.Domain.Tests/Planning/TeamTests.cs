using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class TeamTests
{
    private static readonly PlanningMonth March = new(2026, 3);

    [Fact]
    public void EveryTeamHasAtLeastTwoOfficersIncludingPoliceAndMarketSupervision()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var officers = input.OfficersById();

        var plan = MonthlyPlanner.Plan(input);

        Assert.All(plan.Operations.SelectMany(o => o.Teams), team =>
        {
            Assert.True(team.OfficerIds.Distinct().Count() >= 2);
            var departments = team.OfficerIds.Select(id => officers[id].Department).ToList();
            Assert.Contains(DepartmentKind.Police, departments);
            Assert.Contains(DepartmentKind.MarketSupervision, departments);
        });
    }

    [Fact]
    public void EveryTeamBringsTheDepartmentsItsVenueTypesNeed()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var officers = input.OfficersById();
        var venues = input.VenuesById();

        var plan = MonthlyPlanner.Plan(input);

        var seen = new HashSet<VenueType>();
        foreach (var (_, team, visit) in plan.Visits())
        {
            var type = venues[visit.VenueId].Type;
            seen.Add(type);
            var departments = team.OfficerIds.Select(id => officers[id].Department).ToHashSet();
            Assert.Superset(DepartmentRules.Default.RequiredFor(type).ToHashSet(), departments);
        }
        Assert.Contains(VenueType.Ktv, seen);
        Assert.Contains(VenueType.TobaccoRetail, seen);
        Assert.Contains(VenueType.TutoringCentre, seen);
    }

    [Fact]
    public void TheDepartmentMappingIsData()
    {
        var rules = DepartmentRules.Default with
        {
            ByVenueType = new Dictionary<VenueType, IReadOnlyList<DepartmentKind>> { [VenueType.Bar] = [DepartmentKind.Fire] },
        };

        Assert.Equal([DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.Fire], rules.RequiredFor(VenueType.Bar));
        Assert.Equal([DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.Culture], DepartmentRules.Default.RequiredFor(VenueType.InternetCafe));
        Assert.Equal([DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.Tobacco], DepartmentRules.Default.RequiredFor(VenueType.TobaccoRetail));
        Assert.Equal([DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.Education], DepartmentRules.Default.RequiredFor(VenueType.TutoringCentre));
        Assert.Equal([DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.Health], DepartmentRules.Default.RequiredFor(VenueType.TattooShop));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(5UL)]
    [InlineData(8UL)]
    [InlineData(13UL)]
    [InlineData(21UL)]
    [InlineData(34UL)]
    public void AnOfficerWithADeclaredConflictIsNeverSentToThatVenue(ulong seed)
    {
        var scenario = PlanningScenario.Standard(March, dataSeed: seed);
        foreach (var officer in scenario.Officers)
        {
            for (var k = 0; k < 4; k++)
            {
                scenario.Conflicts.Add(new OfficerConflict(officer.Id, scenario.Venues[scenario.Next(scenario.Venues.Count)].Id));
            }
        }
        var input = scenario.Input(March, seed);
        var conflicts = input.Conflicts.Select(c => (c.OfficerId, c.VenueId)).ToHashSet();

        var plan = MonthlyPlanner.Plan(input);

        foreach (var (_, team, visit) in plan.Visits())
        {
            Assert.All(team.OfficerIds, officer => Assert.DoesNotContain((officer, visit.VenueId), conflicts));
        }
        Assert.True(plan.Visits().Count() > 50);
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Fact]
    public void NoOfficerIsBookedTwiceOnOneDay()
    {
        var input = PlanningScenario.Standard(March, communities: 5).Input(March);

        var plan = MonthlyPlanner.Plan(input);

        var bookings = plan.Operations.SelectMany(o => o.Teams.SelectMany(t => t.OfficerIds.Select(id => (id, o.Date)))).ToList();
        Assert.Equal(bookings.Count, bookings.Distinct().Count());
    }

    [Fact]
    public void OfficersOnLeaveAreNeverDrawn()
    {
        var scenario = PlanningScenario.Standard(March);
        for (var i = 0; i < scenario.Officers.Count; i += 2)
        {
            var dates = Enumerable.Range(1, 31).Where(d => (d + i) % 3 == 0).Select(d => new DateOnly(2026, 3, d)).ToList();
            scenario.Officers[i] = scenario.Officers[i] with { UnavailableDates = dates };
        }
        var input = scenario.Input(March);
        var officers = input.OfficersById();

        var plan = MonthlyPlanner.Plan(input);

        Assert.All(plan.Operations, o => Assert.All(o.Teams.SelectMany(t => t.OfficerIds), id => Assert.DoesNotContain(o.Date, officers[id].UnavailableDates)));
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheMonthsWorkIsSpreadEvenlyOverTheOfficersOfEachDepartment(bool withLeave)
    {
        var input = PlanningScenario.Standard(March, withLeave: withLeave).Input(March);

        var plan = MonthlyPlanner.Plan(input);

        var load = plan.Operations.SelectMany(o => o.Teams.SelectMany(t => t.OfficerIds)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var department in input.Officers.GroupBy(o => o.Department))
        {
            var counts = department.Select(o => load.GetValueOrDefault(o.Id)).ToList();
            Assert.True(counts.Max() - counts.Min() <= (withLeave ? 2 : 1), $"{department.Key}: {string.Join(",", counts)}");
        }
        Assert.True(load.Values.Max() <= PlanningSettings.Default.MaxOperationsPerOfficer);
    }
}
