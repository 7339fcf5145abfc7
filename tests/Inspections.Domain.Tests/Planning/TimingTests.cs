using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class TimingTests
{
    private static readonly PlanningMonth March = new(2026, 3);

    [Fact]
    public void NightVenuesAreVisitedInTheEveningInsideTheirOpeningHours()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var venues = input.VenuesById();

        var plan = MonthlyPlanner.Plan(input);

        var night = plan.Visits().Where(x => venues[x.Visit.VenueId].IsNightVenue).ToList();
        Assert.NotEmpty(night);
        Assert.All(night, x =>
        {
            Assert.Equal(OperationKind.Night, x.Operation.Kind);
            Assert.InRange(x.Visit.ArrivalAt, x.Operation.StartsAt, x.Operation.EndsAt);
            Assert.True(x.Visit.DepartsAt <= x.Operation.EndsAt);
            var hours = venues[x.Visit.VenueId].OpeningHours!;
            Assert.True(hours.IsOpenAt(TimeOnly.FromDateTime(x.Visit.ArrivalAt)), $"{x.Visit.ArrivalAt:HH:mm} outside {hours}");
            Assert.True(hours.IsOpenAt(TimeOnly.FromDateTime(x.Visit.DepartsAt.AddMinutes(-1))), $"{x.Visit.DepartsAt:HH:mm} outside {hours}");
        });
    }

    [Fact]
    public void DayVenuesAreVisitedInTheDayWindow()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var venues = input.VenuesById();

        var plan = MonthlyPlanner.Plan(input);

        var day = plan.Visits().Where(x => !venues[x.Visit.VenueId].IsNightVenue).ToList();
        Assert.NotEmpty(day);
        Assert.All(day, x =>
        {
            Assert.Equal(OperationKind.Day, x.Operation.Kind);
            Assert.True(x.Visit.ArrivalAt.TimeOfDay >= new TimeSpan(9, 0, 0) && x.Visit.DepartsAt.TimeOfDay <= new TimeSpan(17, 0, 0));
        });
    }

    [Fact]
    public void EvenALateNightWindowNeverVisitsKtvsFromTwoToEightOrInternetCafesAfterMidnight()
    {
        var scenario = PlanningScenario.Standard(March);
        scenario.Settings = PlanningSettings.Default with { NightWindow = new TimeWindow(new TimeOnly(22, 0), new TimeOnly(5, 0)) };
        for (var i = 0; i < scenario.Venues.Count; i++)
        {
            scenario.Venues[i] = scenario.Venues[i] with { OpeningHours = null };
        }
        var input = scenario.Input(March);
        var venues = input.VenuesById();

        var plan = MonthlyPlanner.Plan(input);

        var late = plan.Visits().Where(x => x.Visit.DepartsAt > x.Operation.Date.AddDays(1).ToDateTime(TimeOnly.MinValue)).ToList();
        Assert.NotEmpty(late);
        foreach (var (op, _, visit) in plan.Visits())
        {
            var nextDay = op.Date.AddDays(1).ToDateTime(TimeOnly.MinValue);
            switch (venues[visit.VenueId].Type)
            {
                case VenueType.Ktv or VenueType.GameArcade:
                    Assert.True(visit.DepartsAt <= nextDay.AddHours(2), $"KTV visit until {visit.DepartsAt:HH:mm}");
                    break;
                case VenueType.InternetCafe or VenueType.EsportsVenue:
                    Assert.True(visit.DepartsAt <= nextDay, $"Internet café visit until {visit.DepartsAt:HH:mm}");
                    break;
            }
        }
        Assert.Empty(PlanValidator.Validate(input, plan));
    }

    [Fact]
    public void EveryRouteFitsItsOperationWindowStopLimitAndTravelTimes()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var venues = input.VenuesById();
        var communities = input.Jurisdictions.ToDictionary(j => j.Id);
        var settings = input.Settings;

        var plan = MonthlyPlanner.Plan(input);

        foreach (var op in plan.Operations)
        {
            foreach (var team in op.Teams)
            {
                Assert.InRange(team.Route.Count, 1, settings.MaxVisitsPerTeam);
                var (lon, lat) = (communities[op.JurisdictionId].Longitude, communities[op.JurisdictionId].Latitude);
                var free = op.StartsAt;
                foreach (var visit in team.Route)
                {
                    var venue = venues[visit.VenueId];
                    var metres = TravelEstimate.RoadMetres(lon, lat, venue.Longitude, venue.Latitude, settings);
                    Assert.Equal(metres, visit.TravelMetres);
                    Assert.Equal(TravelEstimate.Minutes(metres, settings), visit.TravelMinutes);
                    Assert.True(visit.ArrivalAt >= free.AddMinutes(visit.TravelMinutes));
                    Assert.Equal(settings.VisitMinutesFor(venue.Type), visit.DurationMinutes);
                    free = visit.DepartsAt;
                    (lon, lat) = (venue.Longitude, venue.Latitude);
                }
                Assert.True(free <= op.EndsAt);
            }
        }
    }

    [Fact]
    public void TravelTimeIsHaversineTimesDetourOverSpeed()
    {
        var metres = TravelEstimate.RoadMetres(114.0365, 22.6015, 114.0470, 22.6080, 1.3);

        Assert.InRange(metres, 1_650, 1_720);
        Assert.Equal((int)Math.Ceiling(metres / (25_000.0 / 60)), TravelEstimate.Minutes(metres, 25));
    }
}
