using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class PlanValidatorTests
{
    private static readonly PlanningMonth March = new(2026, 3);

    private readonly PlanningInput _input;
    private readonly MonthlyPlan _plan;
    private readonly Dictionary<Guid, PlanningOfficer> _officers;
    private readonly Dictionary<Guid, PlanningVenue> _venues;

    public PlanValidatorTests()
    {
        _input = PlanningScenario.Standard(March).Input(March);
        _plan = MonthlyPlanner.Plan(_input);
        _officers = _input.OfficersById();
        _venues = _input.VenuesById();
    }

    [Theory]
    [InlineData(2026, 1, 1UL)]
    [InlineData(2026, 2, 2UL)]
    [InlineData(2026, 3, 3UL)]
    [InlineData(2026, 7, 4UL)]
    [InlineData(2026, 10, 5UL)]
    [InlineData(2026, 12, 6UL)]
    public void ThePlannersOwnOutputValidatesClean(int year, int month, ulong seed)
    {
        var m = new PlanningMonth(year, month);
        var input = PlanningScenario.Standard(m, dataSeed: seed, communities: 5).Input(m, seed);

        var violations = PlanValidator.Validate(input, MonthlyPlanner.Plan(input));

        Assert.Empty(violations);
    }

    [Fact]
    public void FlagsATeamOfOneOfficer()
    {
        var plan = EditTeam(0, 0, t => t with { OfficerIds = [t.OfficerIds[0]] });

        Assert.Contains(PlanValidator.Validate(_input, plan), v => v.Code == ViolationCodes.TeamTooSmall && v.OperationId == plan.Operations[0].Id);
    }

    [Fact]
    public void FlagsAKtvVisitWithoutACultureOfficer()
    {
        var (op, team, visit) = _plan.Visits().First(x => _venues[x.Visit.VenueId].Type == VenueType.Ktv);
        var edited = Replace(op, team, team with { OfficerIds = [.. team.OfficerIds.Where(id => _officers[id].Department != DepartmentKind.Culture)] });

        var violation = Assert.Single(PlanValidator.Validate(_input, edited), v => v.Code == ViolationCodes.MissingDepartment && v.VenueId == visit.VenueId);
        Assert.Contains("Culture", violation.Message);
    }

    [Fact]
    public void FlagsAnOfficerWhoDeclaredAConflictWithAVenueOnTheRoute()
    {
        var (_, team, visit) = _plan.Visits().First();
        var input = _input with { Conflicts = [new OfficerConflict(team.OfficerIds[0], visit.VenueId)] };

        var violation = Assert.Single(PlanValidator.Validate(input, _plan));

        Assert.Equal(ViolationCodes.RecusedOfficer, violation.Code);
        Assert.Equal(team.OfficerIds[0], violation.OfficerId);
        Assert.Equal("执法人员与场所有利害关系，应回避", violation.Chinese());
    }

    [Fact]
    public void FlagsAnOfficerBookedOnTwoTeamsOfOneDay()
    {
        var op = _plan.Operations.First(o => o.Teams.Count >= 2);
        var edited = PlanEdits.SwapOfficer(_plan, op.Id, op.Teams[1].Number, op.Teams[1].OfficerIds[0], op.Teams[0].OfficerIds[0]);

        Assert.Contains(PlanValidator.Validate(_input, edited), v => v.Code == ViolationCodes.DoubleBooked && v.OfficerId == op.Teams[0].OfficerIds[0]);
    }

    [Fact]
    public void FlagsAnOfficerOnLeave()
    {
        var op = _plan.Operations[2];
        var officer = op.Teams[0].OfficerIds[1];
        var input = _input with { Officers = [.. _input.Officers.Select(o => o.Id == officer ? o with { UnavailableDates = [op.Date] } : o)] };

        var violation = Assert.Single(PlanValidator.Validate(input, _plan));

        Assert.Equal(ViolationCodes.OnLeave, violation.Code);
        Assert.Equal(officer, violation.OfficerId);
    }

    [Fact]
    public void FlagsAVisitOutsideTheOpeningHours()
    {
        var (_, _, visit) = _plan.Visits().First(x => _venues[x.Visit.VenueId].Type == VenueType.TobaccoRetail);
        var input = _input with
        {
            Venues = [.. _input.Venues.Select(v => v.Id == visit.VenueId ? v with { OpeningHours = new OpeningHours(new TimeOnly(6, 0), new TimeOnly(7, 0)) } : v)],
        };

        var violation = Assert.Single(PlanValidator.Validate(input, _plan));

        Assert.Equal(ViolationCodes.OutsideOpeningHours, violation.Code);
        Assert.Equal(visit.VenueId, violation.VenueId);
    }

    [Fact]
    public void FlagsAKtvVisitInTheLegallyClosedHours()
    {
        var (op, team, visit) = _plan.Visits().First(x => _venues[x.Visit.VenueId].Type == VenueType.Ktv);
        var late = team with { Route = [.. team.Route.Select(v => v == visit ? v with { ArrivalAt = op.Date.AddDays(1).ToDateTime(new TimeOnly(2, 30)) } : v)] };

        var violations = PlanValidator.Validate(_input, Replace(op, team, late));

        Assert.Contains(violations, v => v.Code == ViolationCodes.LegalClosingHours && v.VenueId == visit.VenueId);
    }

    [Fact]
    public void FlagsARouteThatNoLongerFitsTheOperation()
    {
        var op = _plan.Operations.First(o => o.Teams.Count >= 2 && o.Teams[0].Route.Count + o.Teams[1].Route.Count > _input.Settings.MaxVisitsPerTeam);
        var edited = _plan;
        foreach (var visit in op.Teams[1].Route)
        {
            edited = PlanEdits.MoveVisit(_input, edited, visit.VenueId, op.Id, op.Teams[0].Number);
        }

        Assert.Contains(PlanValidator.Validate(_input, edited), v => v.Code == ViolationCodes.OverCapacity && v.TeamNumber == op.Teams[0].Number);
    }

    [Fact]
    public void FlagsAnArrivalThatLeavesNoTimeForTheTrip()
    {
        var (op, team) = _plan.Operations.SelectMany(o => o.Teams.Select(t => (o, t))).First(x => x.t.Route.Count >= 2);
        var rushed = team with { Route = [team.Route[0], team.Route[1] with { ArrivalAt = team.Route[0].ArrivalAt }, .. team.Route.Skip(2)] };

        Assert.Contains(PlanValidator.Validate(_input, Replace(op, team, rushed)), v => v.Code == ViolationCodes.TimingInfeasible && v.VenueId == team.Route[1].VenueId);
    }

    [Fact]
    public void FlagsACommunityWithFewerThanTwoOperations()
    {
        var community = _input.Jurisdictions[1];
        var keep = _plan.Operations.First(o => o.JurisdictionId == community.Id);
        var edited = _plan with { Operations = [.. _plan.Operations.Where(o => o.JurisdictionId != community.Id || o == keep)] };

        var violation = Assert.Single(PlanValidator.Validate(_input, edited));

        Assert.Equal(ViolationCodes.TooFewOperations, violation.Code);
        Assert.Equal(community.Id, violation.JurisdictionId);
    }

    [Fact]
    public void FlagsAnOfficerFromAnotherStreet()
    {
        var outsider = new PlanningOfficer(Guid.Parse("0a6f3c1e-2b7d-4e59-9c1a-5d8e7f6a4b3c"), DepartmentKind.Police, Guid.Parse("1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"));
        var input = _input with { Officers = [.. _input.Officers, outsider] };
        var op = _plan.Operations[0];
        var edited = PlanEdits.SwapOfficer(_plan, op.Id, op.Teams[0].Number, op.Teams[0].OfficerIds[0], outsider.Id);

        Assert.Contains(PlanValidator.Validate(input, edited), v => v.Code == ViolationCodes.OutsideStreet && v.OfficerId == outsider.Id);
    }

    [Fact]
    public void FlagsAVenuePlannedTwice()
    {
        var (op, team, visit) = _plan.Visits().First();
        var other = _plan.Operations.First(o => o.JurisdictionId == op.JurisdictionId && o.Id != op.Id);
        var edited = Replace(other, other.Teams[0], other.Teams[0] with { Route = [.. other.Teams[0].Route, visit] });

        Assert.Contains(PlanValidator.Validate(_input, edited), v => v.Code == ViolationCodes.DuplicateVisit && v.VenueId == visit.VenueId);
    }

    private MonthlyPlan EditTeam(int operation, int team, Func<PlannedTeam, PlannedTeam> edit) =>
        Replace(_plan.Operations[operation], _plan.Operations[operation].Teams[team], edit(_plan.Operations[operation].Teams[team]));

    private MonthlyPlan Replace(PlannedOperation op, PlannedTeam team, PlannedTeam replacement) =>
        _plan with
        {
            Operations = [.. _plan.Operations.Select(o => o.Id != op.Id ? o : o with { Teams = [.. o.Teams.Select(t => t.Number == team.Number ? replacement : t)] })],
        };
}
