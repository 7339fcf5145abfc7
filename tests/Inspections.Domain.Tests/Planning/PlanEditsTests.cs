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

    [Fact]
    public void ARemovedVisitBecomesUnplannedAndCanBeAddedBack()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var plan = MonthlyPlanner.Plan(input);
        var (op, team, visit) = plan.Visits().First(x => x.Team.Route.Count >= 3);

        var removed = PlanEdits.RemoveVisit(input, plan, visit.VenueId);
        var added = PlanEdits.AddVisit(input, removed, visit.VenueId, op.Id, team.Number, visit.DurationMinutes);

        Assert.DoesNotContain(removed.Visits(), x => x.Visit.VenueId == visit.VenueId);
        var unplanned = Assert.Single(removed.Unplanned, u => u.VenueId == visit.VenueId);
        Assert.Equal(UnplannedCauses.RemovedByLead, unplanned.Cause);
        Assert.Equal(visit.Reasons.Select(r => r.Code), unplanned.Reasons.Select(r => r.Code));
        var back = Assert.Single(added.Visits(), x => x.Visit.VenueId == visit.VenueId);
        Assert.Equal((op.Id, team.Number), (back.Operation.Id, back.Team.Number));
        Assert.Contains(back.Visit.Reasons, r => r.Code == ReasonCodes.ManualAdd);
        Assert.DoesNotContain(added.Unplanned, u => u.VenueId == visit.VenueId);
        var route = back.Team.Route;
        Assert.Equal(Enumerable.Range(1, route.Count), route.Select(v => v.Sequence));
        Assert.Throws<DomainException>(() => PlanEdits.AddVisit(input, added, visit.VenueId, op.Id, team.Number, 30));
    }

    [Fact]
    public void ReplayVerifiesAnEditedPlanThroughItsEditLogAndCatchesAnUnloggedEdit()
    {
        var input = PlanningScenario.Standard(March).Input(March);
        var plan = MonthlyPlanner.Plan(input);
        var (op, team, visit) = plan.Visits().First(x => x.Team.Route.Count >= 3);
        var other = plan.Operations.SelectMany(o => o.Teams.Select(t => (o, t))).First(x => x.o.Id != op.Id);
        PlanEdit[] log =
        [
            new(PlanEditKind.MoveVisit, VenueId: visit.VenueId, OperationId: other.o.Id, TeamNumber: other.t.Number),
            new(PlanEditKind.SwapOfficer, OperationId: op.Id, TeamNumber: team.Number, RemoveOfficerId: team.OfficerIds[0], AddOfficerId: Guid.NewGuid()),
        ];
        var edited = PlanEdit.ApplyAll(input, plan, log);

        var withLog = PlanReplay.Verify(input, edited, log);
        var withoutLog = PlanReplay.Verify(input, edited);
        var partialLog = PlanReplay.Verify(input, edited, log[..1]);

        Assert.True(withLog.Matches, withLog.FirstDifference);
        Assert.False(withoutLog.Matches);
        Assert.False(partialLog.Matches);
        Assert.Contains("OfficerIds", partialLog.FirstDifference);
    }
}
