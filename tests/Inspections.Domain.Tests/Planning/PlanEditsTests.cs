using Inspections.Domain.Common;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class PlanEditsTests
{
    private static readonly PlanningMonth March = new(2026, 3);

    [Fact]
    public void MovingAVisitRetimesBothRoutesAndRecordsTheMove()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var plan = MonthlyPlanner.Plan(input);
        var op = plan.Operations.First(o => o.Teams.Count >= 2 && o.Teams[0].Route.Count >= 3);
        var visit = op.Teams[0].Route[0];

        var edited = PlanEdits.MoveVisit(input, plan, visit.VenueId, op.Id, op.Teams[1].Number);

        var source = edited.Operations.Single(o => o.Id == op.Id).Teams[0];
        var target = edited.Operations.Single(o => o.Id == op.Id).Teams[1];
        Assert.DoesNotContain(source.Route, v => v.VenueId == visit.VenueId);
        var moved = Assert.Single(target.Route, v => v.VenueId == visit.VenueId);
        Assert.Contains(moved.Reasons, r => r.Code == ReasonCodes.ManualMove);
        Assert.Equal(op.Date, DateOnly.FromDateTime(moved.ArrivalAt));
        Assert.Equal(op.Teams[0].Route.Count - 1, source.Route.Count);
        foreach (var route in new[] { source.Route, target.Route })
        {
            Assert.Equal(Enumerable.Range(1, route.Count), route.Select(v => v.Sequence));
            Assert.All(route.Zip(route.Skip(1)), p => Assert.True(p.Second.ArrivalAt >= p.First.DepartsAt.AddMinutes(p.Second.TravelMinutes)));
        }
    }

    [Fact]
    public void MovingAKtvIntoADayTeamWithoutCultureIsFlagged()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var plan = MonthlyPlanner.Plan(input);
        var officers = input.OfficersById();
        var venues = input.VenuesById();
        var ktv = plan.Visits().First(x => venues[x.Visit.VenueId].Type == VenueType.Ktv);
        var (dayOp, dayTeam) = plan.Operations
            .Where(o => o.Kind == OperationKind.Day)
            .SelectMany(o => o.Teams.Select(t => (o, t)))
            .First(x => x.t.OfficerIds.All(id => officers[id].Department != DepartmentKind.Culture));

        var edited = PlanEdits.MoveVisit(input, plan, ktv.Visit.VenueId, dayOp.Id, dayTeam.Number);

        var violations = PlanValidator.Validate(input, edited);
        Assert.Contains(violations, v => v.Code == ViolationCodes.MissingDepartment && v.VenueId == ktv.Visit.VenueId);
        if (dayOp.JurisdictionId != ktv.Operation.JurisdictionId)
        {
            Assert.Contains(violations, v => v.Code == ViolationCodes.OutsideJurisdiction);
        }
    }

    [Fact]
    public void EditingSomethingThatIsNotOnThePlanIsRefused()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var plan = MonthlyPlanner.Plan(input);

        var ex = Assert.Throws<DomainException>(() => PlanEdits.MoveVisit(input, plan, Guid.NewGuid(), plan.Operations[0].Id, 1));

        Assert.Equal("planning.edit.visit_not_found", ex.Code);
    }
}
