using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class PriorityTests
{
    [Fact]
    public void WhenCapacityIsShortFollowUpsAndPriorityVenuesArePlannedFirst()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = new PlanningScenario(11);
        var j = scenario.AddCommunity(0);
        var due = new DateOnly(2026, 1, 15);
        var types = new[] { VenueType.Ktv, VenueType.Bar, VenueType.InternetCafe };
        var routine = Enumerable.Range(0, 22).Select(i => scenario.AddVenue(j, types[i % 3], RiskClass.D, due)).ToList();
        var followUps = new[]
        {
            scenario.AddVenue(j, VenueType.Ktv, RiskClass.D, due, v => v with { HasOverdueDeadline = true }),
            scenario.AddVenue(j, VenueType.Bar, RiskClass.D, due, v => v with { HasOpenRectification = true }),
            scenario.AddVenue(j, VenueType.InternetCafe, RiskClass.D, due, v => v with { ComplaintCount = 2 }),
            scenario.AddVenue(j, VenueType.Bar, RiskClass.D, due, v => v with { ComplaintCount = 1 }),
        };
        var boosted = new[]
        {
            scenario.AddVenue(j, VenueType.InternetCafe, RiskClass.D, due, v => v with { BreachesSchoolDistanceRule = true }),
            scenario.AddVenue(j, VenueType.Bar, RiskClass.D, due, v => v with { NearestSchoolMetres = 120 }),
            scenario.AddVenue(j, VenueType.Ktv, RiskClass.D, null),
            scenario.AddVenue(j, VenueType.Bar, RiskClass.D, null),
        };
        scenario.AddOfficers(DepartmentKind.Police, 1, march);
        scenario.AddOfficers(DepartmentKind.MarketSupervision, 1, march);
        scenario.AddOfficers(DepartmentKind.Culture, 1, march);
        scenario.Settings = PlanningSettings.Default with { MaxOperationsPerOfficer = 2 };
        var input = scenario.Input(march);

        var plan = MonthlyPlanner.Plan(input);

        var planned = plan.Visits().Select(x => x.Visit.VenueId).ToHashSet();
        Assert.Equal(2, plan.Operations.Count);
        Assert.True(planned.Count < routine.Count, "Capacity must be short for this test to mean anything.");
        Assert.All(followUps.Concat(boosted), v => Assert.True(planned.Contains(v.Id), $"{scenario.Names[v.Id]} should come first."));
        Assert.All(plan.Unplanned, u => Assert.Equal(UnplannedCauses.Capacity, u.Cause));
        Assert.Equal(planned.Count + plan.Unplanned.Count, scenario.Venues.Count);
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Fact]
    public void EveryPlannedVisitExplainsItselfInChineseAndEnglish()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        var complained = scenario.AddVenue(scenario.Jurisdictions[0], VenueType.TutoringCentre, RiskClass.B, new DateOnly(2026, 2, 1), v => v with { ComplaintCount = 3 });

        var plan = MonthlyPlanner.Plan(scenario.Input(march));

        Assert.All(plan.Visits(), x => Assert.NotEmpty(x.Visit.Reasons));
        var reason = Assert.Single(Assert.Single(plan.Visits(), x => x.Visit.VenueId == complained.Id).Visit.Reasons, r => r.Code == ReasonCodes.Complaint);
        Assert.Equal("有3件投诉待核查", reason.Chinese());
        Assert.Equal("3 complaint(s) to follow up", reason.English());
    }

    [Fact]
    public void RandomDrawReasonsPointAtTheirEntryInTheDrawLog()
    {
        var march = new PlanningMonth(2026, 3);
        var plan = MonthlyPlanner.Plan(PlanningScenario.Standard(march).Input(march));

        var drawn = plan.Visits().Select(x => x.Visit).Where(v => v.Reasons.Any(r => r.Code == ReasonCodes.RandomDraw)).ToList();

        Assert.NotEmpty(drawn);
        Assert.All(drawn, v =>
        {
            var index = v.Reasons.Single(r => r.Code == ReasonCodes.RandomDraw).Value!.Value;
            var draw = plan.DrawLog[index];
            Assert.Equal(index, draw.Index);
            Assert.Equal(v.VenueId, draw.PickedId);
            Assert.StartsWith("venues/", draw.Pool);
            Assert.InRange(draw.Position, 0, draw.PoolSize - 1);
        });
    }

    [Fact]
    public void EveryOfficerOnATeamWasDrawnAndTheDrawIsLogged()
    {
        var march = new PlanningMonth(2026, 3);
        var plan = MonthlyPlanner.Plan(PlanningScenario.Standard(march).Input(march));

        var officerDraws = plan.DrawLog.Where(d => d.Pool.StartsWith("officers/", StringComparison.Ordinal)).ToList();

        Assert.Equal(plan.Operations.Sum(o => o.Teams.Sum(t => t.OfficerIds.Count)), officerDraws.Count);
        Assert.Equal(Enumerable.Range(0, plan.DrawLog.Count), plan.DrawLog.Select(d => d.Index));
    }

    [Fact]
    public void AVenueWhoseHoursNeverMeetAnOperationWindowIsReportedAsUnplanned()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        var evening = scenario.AddVenue(scenario.Jurisdictions[2], VenueType.TutoringCentre, RiskClass.D, null,
            v => v with { OpeningHours = new OpeningHours(new TimeOnly(17, 30), new TimeOnly(21, 0)) });

        var plan = MonthlyPlanner.Plan(scenario.Input(march));

        var unplanned = Assert.Single(plan.Unplanned, u => u.VenueId == evening.Id);
        Assert.Equal(UnplannedCauses.NoOpeningWindow, unplanned.Cause);
        Assert.Contains(unplanned.Reasons, r => r.Code == ReasonCodes.RiskFrequency);
    }

    [Fact]
    public void VenuesNeedingADepartmentTheStreetLacksAreReportedAsUnplanned()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        scenario.Officers.RemoveAll(o => o.Department == DepartmentKind.Health);
        var tattoo = scenario.AddVenue(scenario.Jurisdictions[0], VenueType.TattooShop, RiskClass.D, null);

        var plan = MonthlyPlanner.Plan(scenario.Input(march));

        Assert.Equal(UnplannedCauses.NoDepartmentOfficer, Assert.Single(plan.Unplanned, u => u.VenueId == tattoo.Id).Cause);
        Assert.DoesNotContain(plan.Visits(), x => x.Visit.VenueId == tattoo.Id);
    }
}
