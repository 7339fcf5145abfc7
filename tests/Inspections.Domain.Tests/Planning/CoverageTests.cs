using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class CoverageTests
{
    private static readonly HashSet<VenueType> QuarterlyTypes = [.. PlanningSettings.Default.QuarterlySpecialCheckTypes];

    [Fact]
    public void PlanningAQuarterMonthByMonthVisitsEveryNightVenueAndHotelAtLeastOnce()
    {
        var january = new PlanningMonth(2026, 1);
        var scenario = PlanningScenario.Standard(january);
        var venues = scenario.Venues.Select(v => v with { LastInspectedOn = new DateOnly(2025, 11, 1 + scenario.Next(28)), RiskClass = RiskClass.A }).ToList();
        var visited = new HashSet<Guid>();
        var perMonth = new List<int>();

        foreach (var month in new[] { january, january.Next(), january.Next().Next() })
        {
            var input = scenario.Input(month, seed: (ulong)month.Month) with { Venues = venues };
            var plan = MonthlyPlanner.Plan(input);
            Assert.Empty(PlanValidator.Validate(input, plan));

            var visits = plan.Visits().ToList();
            perMonth.Add(visits.Count(x => x.Visit.Reasons.Any(r => r.Code == ReasonCodes.QuarterlySpecialCheck)));
            visited.UnionWith(visits.Select(x => x.Visit.VenueId));
            var lastVisit = visits.ToDictionary(x => x.Visit.VenueId, x => x.Operation.Date);
            venues = [.. venues.Select(v => lastVisit.TryGetValue(v.Id, out var d) ? v with { LastInspectedOn = d } : v)];
        }

        var special = scenario.Venues.Where(v => QuarterlyTypes.Contains(v.Type)).ToList();
        Assert.NotEmpty(special);
        Assert.All(special, v => Assert.True(visited.Contains(v.Id), $"{scenario.Names[v.Id]} was not visited this quarter."));
        Assert.All(perMonth, n => Assert.True(n > 0, "The quarterly check is spread over the three months."));
    }

    [Fact]
    public void ClassDVenuesAreDueEveryMonth()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        var j = scenario.Jurisdictions[0];
        var ktv = scenario.AddVenue(j, VenueType.Ktv, RiskClass.D, new DateOnly(2026, 2, 20));
        var shop = scenario.AddVenue(j, VenueType.TobaccoRetail, RiskClass.D, new DateOnly(2026, 2, 27));

        var plan = MonthlyPlanner.Plan(scenario.Input(march));

        foreach (var venue in new[] { ktv, shop })
        {
            var visit = Assert.Single(plan.Visits(), x => x.Visit.VenueId == venue.Id).Visit;
            Assert.Contains(visit.Reasons, r => r is { Code: ReasonCodes.RiskFrequency, Value: 1 });
        }
    }

    [Fact]
    public void AClassAVenueInspectedTwoMonthsAgoIsNotDue()
    {
        var may = new PlanningMonth(2026, 5);
        var scenario = PlanningScenario.Standard(may);
        var shop = scenario.AddVenue(scenario.Jurisdictions[0], VenueType.TobaccoRetail, RiskClass.A, new DateOnly(2026, 3, 10));

        var plan = MonthlyPlanner.Plan(scenario.Input(may));

        var reasons = plan.Visits().Where(x => x.Visit.VenueId == shop.Id).SelectMany(x => x.Visit.Reasons).Select(r => r.Code).ToList();
        Assert.DoesNotContain(ReasonCodes.RiskFrequency, reasons);
        Assert.DoesNotContain(plan.Unplanned, u => u.VenueId == shop.Id && u.Reasons.Any(r => r.Code == ReasonCodes.RiskFrequency));
    }

    [Fact]
    public void TheSummerHolidayShortensIntervalsForMinorsSensitiveTypesOnly()
    {
        var july = new PlanningMonth(2026, 7);
        var scenario = PlanningScenario.Standard(july);
        var j = scenario.Jurisdictions[1];
        var ktv = scenario.AddVenue(j, VenueType.Ktv, RiskClass.C, new DateOnly(2026, 6, 5));
        var shop = scenario.AddVenue(j, VenueType.TobaccoRetail, RiskClass.C, new DateOnly(2026, 6, 5));

        var plan = MonthlyPlanner.Plan(scenario.Input(july));

        var ktvVisit = Assert.Single(plan.Visits(), x => x.Visit.VenueId == ktv.Id).Visit;
        Assert.Contains(ktvVisit.Reasons, r => r is { Code: ReasonCodes.RiskFrequency, Value: 1 });
        Assert.Contains(ktvVisit.Reasons, r => r.Code == ReasonCodes.HolidayIntensified);
        var shopReasons = plan.Visits().Where(x => x.Visit.VenueId == shop.Id).SelectMany(x => x.Visit.Reasons).Select(r => r.Code);
        Assert.DoesNotContain(ReasonCodes.RiskFrequency, shopReasons);
    }

    [Fact]
    public void TheSameKtvIsNotDueInAnOrdinaryMonth()
    {
        var may = new PlanningMonth(2026, 5);
        var scenario = PlanningScenario.Standard(may);
        var ktv = scenario.AddVenue(scenario.Jurisdictions[1], VenueType.Ktv, RiskClass.C, new DateOnly(2026, 4, 5));

        var plan = MonthlyPlanner.Plan(scenario.Input(may));

        var reasons = plan.Visits().Where(x => x.Visit.VenueId == ktv.Id).SelectMany(x => x.Visit.Reasons).Select(r => r.Code);
        Assert.DoesNotContain(ReasonCodes.RiskFrequency, reasons);
    }

    [Fact]
    public void OnlyOperatingVenuesArePlanned()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        var closed = scenario.AddVenue(scenario.Jurisdictions[0], VenueType.Ktv, RiskClass.D, null, v => v with { Status = VenueStatus.Suspended, HasOverdueDeadline = true });

        var plan = MonthlyPlanner.Plan(scenario.Input(march));

        Assert.DoesNotContain(plan.Visits(), x => x.Visit.VenueId == closed.Id);
        Assert.DoesNotContain(plan.Unplanned, u => u.VenueId == closed.Id);
    }

    [Fact]
    public void RandomDrawsAddThirtyPercentOnTopOfTheDueVisitsRoundedUp()
    {
        var march = new PlanningMonth(2026, 3);
        var scenario = PlanningScenario.Standard(march);
        for (var i = 0; i < scenario.Venues.Count; i++)
        {
            scenario.Venues[i] = scenario.Venues[i] with { LastInspectedOn = new DateOnly(2026, 2, 25), RiskClass = RiskClass.A };
        }
        foreach (var extra in Enumerable.Range(0, 40))
        {
            scenario.AddVenue(scenario.Jurisdictions[extra % 4], VenueType.TobaccoRetail, RiskClass.D, new DateOnly(2026, 1, 1));
        }
        var input = scenario.Input(march);

        var plan = MonthlyPlanner.Plan(input);

        var all = plan.Visits().Select(x => x.Visit.Reasons).Concat(plan.Unplanned.Select(u => u.Reasons)).ToList();
        var random = all.Count(r => r.Any(x => x.Code == ReasonCodes.RandomDraw));
        var due = all.Count - random;
        Assert.Equal(40, due);
        Assert.Equal(4 * 3, random);
    }
}
