using Inspections.Domain.Common;

namespace Inspections.Domain.Planning;

/// <summary>
/// The lead's edits to a draft. They never refuse an edit that breaks a rule: they apply it, re-time the
/// routes touched, and leave the verdict to <see cref="PlanValidator"/> so the lead sees every consequence.
/// </summary>
public static class PlanEdits
{
    /// <summary>Moves a venue's visit to a team of another (or the same) operation, at the cheapest position on its route.</summary>
    public static MonthlyPlan MoveVisit(PlanningInput input, MonthlyPlan plan, Guid venueId, Guid toOperationId, int toTeamNumber)
    {
        var c = CanonicalInput.Create(input);
        var (from, fromTeam, visit) = plan.Visits().FirstOrDefault(x => x.Visit.VenueId == venueId);
        if (visit is null)
        {
            throw new DomainException("planning.edit.visit_not_found", "The venue is not on the plan.");
        }
        var target = plan.Operations.FirstOrDefault(o => o.Id == toOperationId)
            ?? throw new DomainException("planning.edit.operation_not_found", "The target operation is not on the plan.");
        if (target.Teams.All(t => t.Number != toTeamNumber))
        {
            throw new DomainException("planning.edit.team_not_found", "The target team is not in the operation.");
        }
        var moved = visit.Reasons.Any(r => r.Code == ReasonCodes.ManualMove)
            ? visit
            : visit with { Reasons = [.. visit.Reasons, new VisitReason(ReasonCodes.ManualMove)] };

        var operations = plan.Operations.Select(op =>
        {
            if (op.Id != from.Id && op.Id != target.Id)
            {
                return op;
            }
            return op with
            {
                Teams = [.. op.Teams.Select(team =>
                {
                    var route = team.Route.ToList();
                    if (op.Id == from.Id && team.Number == fromTeam.Number)
                    {
                        route.RemoveAll(v => v.VenueId == venueId);
                    }
                    if (op.Id == target.Id && team.Number == toTeamNumber)
                    {
                        route.Insert(CheapestPosition(c, op, route, venueId), moved);
                    }
                    return route.Count == team.Route.Count && route.SequenceEqual(team.Route) ? team : team with { Route = Retime(c, op, route) };
                })],
            };
        });
        return plan with { Operations = [.. operations] };
    }

    /// <summary>Replaces an officer in one team by another.</summary>
    public static MonthlyPlan SwapOfficer(MonthlyPlan plan, Guid operationId, int teamNumber, Guid removeOfficerId, Guid addOfficerId)
    {
        var op = plan.Operations.FirstOrDefault(o => o.Id == operationId)
            ?? throw new DomainException("planning.edit.operation_not_found", "The operation is not on the plan.");
        var team = op.Teams.FirstOrDefault(t => t.Number == teamNumber)
            ?? throw new DomainException("planning.edit.team_not_found", "The team is not in the operation.");
        if (!team.OfficerIds.Contains(removeOfficerId))
        {
            throw new DomainException("planning.edit.officer_not_in_team", "The officer is not in the team.");
        }
        var officers = team.OfficerIds.Select(id => id == removeOfficerId ? addOfficerId : id).ToList();
        var edited = op with { Teams = [.. op.Teams.Select(t => t.Number == teamNumber ? t with { OfficerIds = officers } : t)] };
        return plan with { Operations = [.. plan.Operations.Select(o => o.Id == operationId ? edited : o)] };
    }

    /// <summary>Takes a venue's visit off the plan; it is listed as unplanned (removed by the lead) with its reasons.</summary>
    public static MonthlyPlan RemoveVisit(PlanningInput input, MonthlyPlan plan, Guid venueId)
    {
        var c = CanonicalInput.Create(input);
        var (source, sourceTeam, visit) = plan.Visits().FirstOrDefault(x => x.Visit.VenueId == venueId);
        if (visit is null)
        {
            throw new DomainException("planning.edit.visit_not_found", "The venue is not on the plan.");
        }
        var edited = source with
        {
            Teams = [.. source.Teams.Select(t => t.Number != sourceTeam.Number
                ? t
                : t with { Route = Retime(c, source, [.. t.Route.Where(v => v.VenueId != venueId)]) })],
        };
        var reasons = visit.Reasons.Where(r => r.Code != ReasonCodes.ManualMove && r.Code != ReasonCodes.ManualAdd).ToList();
        return plan with
        {
            Operations = [.. plan.Operations.Select(o => o.Id == source.Id ? edited : o)],
            Unplanned = [.. plan.Unplanned.Where(u => u.VenueId != venueId), new UnplannedVisit(venueId, source.JurisdictionId, UnplannedCauses.RemovedByLead, reasons)],
        };
    }

    /// <summary>
    /// Puts a venue that is not on the plan onto a team's route at the cheapest position. A venue listed as unplanned keeps
    /// its reasons; every added visit also carries <see cref="ReasonCodes.ManualAdd"/>.
    /// </summary>
    public static MonthlyPlan AddVisit(PlanningInput input, MonthlyPlan plan, Guid venueId, Guid toOperationId, int toTeamNumber, int durationMinutes)
    {
        var c = CanonicalInput.Create(input);
        if (plan.Visits().Any(x => x.Visit.VenueId == venueId))
        {
            throw new DomainException("planning.edit.already_planned", "The venue is already on the plan; move it instead.");
        }
        if (!c.VenueIndex.ContainsKey(venueId))
        {
            throw new DomainException("planning.edit.venue_not_in_input", "The venue was not part of the month's planning input.");
        }
        var target = plan.Operations.FirstOrDefault(o => o.Id == toOperationId)
            ?? throw new DomainException("planning.edit.operation_not_found", "The target operation is not on the plan.");
        if (target.Teams.All(t => t.Number != toTeamNumber))
        {
            throw new DomainException("planning.edit.team_not_found", "The target team is not in the operation.");
        }
        var earlier = plan.Unplanned.FirstOrDefault(u => u.VenueId == venueId);
        var visit = new PlannedVisit(0, venueId, target.StartsAt, durationMinutes, 0, 0,
            [.. earlier?.Reasons ?? [], new VisitReason(ReasonCodes.ManualAdd)]);
        var edited = target with
        {
            Teams = [.. target.Teams.Select(t =>
            {
                if (t.Number != toTeamNumber)
                {
                    return t;
                }
                var route = t.Route.ToList();
                route.Insert(CheapestPosition(c, target, route, venueId), visit);
                return t with { Route = Retime(c, target, route) };
            })],
        };
        return plan with
        {
            Operations = [.. plan.Operations.Select(o => o.Id == target.Id ? edited : o)],
            Unplanned = [.. plan.Unplanned.Where(u => u.VenueId != venueId)],
        };
    }

    private static int CheapestPosition(CanonicalInput c, PlannedOperation op, List<PlannedVisit> route, Guid venueId)
    {
        var points = Points(c, op, route.Select(v => v.VenueId));
        var venue = Point(c, venueId, points[0]);
        var best = route.Count;
        var bestCost = long.MaxValue;
        for (var i = 0; i <= route.Count; i++)
        {
            long cost = Metres(c, points[i], venue);
            if (i < route.Count)
            {
                cost += Metres(c, venue, points[i + 1]) - Metres(c, points[i], points[i + 1]);
            }
            if (cost < bestCost)
            {
                best = i;
                bestCost = cost;
            }
        }
        return best;
    }

    /// <summary>Arrives as early as travel and opening hours allow; a visit that cannot fit is still timed so the validator can show it.</summary>
    private static List<PlannedVisit> Retime(CanonicalInput c, PlannedOperation op, List<PlannedVisit> route)
    {
        var points = Points(c, op, route.Select(v => v.VenueId));
        var midnight = op.Date.ToDateTime(TimeOnly.MinValue);
        var t = new TimeWindow(op.Start, op.End).StartMinute;
        var result = new List<PlannedVisit>(route.Count);
        for (var i = 0; i < route.Count; i++)
        {
            var metres = Metres(c, points[i], points[i + 1]);
            var minutes = TravelEstimate.Minutes(metres, c.Settings);
            t += minutes;
            var start = c.VenueIndex.TryGetValue(route[i].VenueId, out var v)
                ? VisitTiming.EarliestStart(VisitTiming.Allowed(c.Venues[v], c.Settings), t, route[i].DurationMinutes, int.MaxValue)
                : -1;
            start = start < 0 ? t : start;
            result.Add(route[i] with { Sequence = i + 1, ArrivalAt = midnight.AddMinutes(start), TravelMetres = metres, TravelMinutes = minutes });
            t = start + route[i].DurationMinutes;
        }
        return result;
    }

    private static List<(double Lon, double Lat)> Points(CanonicalInput c, PlannedOperation op, IEnumerable<Guid> venues)
    {
        var origin = c.JurisdictionIndex.TryGetValue(op.JurisdictionId, out var j)
            ? (c.Jurisdictions[j].Longitude, c.Jurisdictions[j].Latitude)
            : (double.NaN, double.NaN);
        var points = new List<(double, double)> { origin };
        foreach (var id in venues)
        {
            points.Add(Point(c, id, points[^1]));
        }
        return points;
    }

    private static (double Lon, double Lat) Point(CanonicalInput c, Guid venueId, (double Lon, double Lat) fallback) =>
        c.VenueIndex.TryGetValue(venueId, out var v) ? (c.Venues[v].Longitude, c.Venues[v].Latitude) : fallback;

    private static int Metres(CanonicalInput c, (double Lon, double Lat) a, (double Lon, double Lat) b) =>
        double.IsNaN(a.Lon) || double.IsNaN(b.Lon) ? 0 : TravelEstimate.RoadMetres(a.Lon, a.Lat, b.Lon, b.Lat, c.Settings);
}
