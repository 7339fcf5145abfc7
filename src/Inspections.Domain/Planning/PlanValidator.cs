using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>A broken planning rule, located as precisely as possible.</summary>
public sealed record PlanViolation(string Code, string Message)
{
    public Guid? OperationId { get; init; }

    public int? TeamNumber { get; init; }

    public Guid? VenueId { get; init; }

    public Guid? OfficerId { get; init; }

    public Guid? JurisdictionId { get; init; }

    public string Chinese() => PlanningTexts.Chinese(Code);
}

/// <summary>
/// Checks a whole plan against the planning rules: the planner's own output, or a draft after the lead
/// moved venues or swapped officers. Times are checked as stored, travel is recomputed from coordinates.
/// </summary>
public static class PlanValidator
{
    public static IReadOnlyList<PlanViolation> Validate(PlanningInput input, MonthlyPlan plan)
    {
        var c = CanonicalInput.Create(input);
        var violations = new List<PlanViolation>();
        var conflicts = c.Conflicts.Select(x => (x.OfficerId, x.VenueId)).ToHashSet();
        var bookings = new Dictionary<(Guid Officer, DateOnly Date), Guid>();
        var visited = new HashSet<Guid>();
        var operationsPerJurisdiction = new Dictionary<Guid, int>();

        foreach (var op in plan.Operations)
        {
            if (!c.Month.Contains(op.Date))
            {
                violations.Add(new(ViolationCodes.OutsideMonth, $"Operation {op.Number} is on {op.Date:yyyy-MM-dd}, outside {c.Month}.") { OperationId = op.Id });
            }
            PlanningJurisdiction? jurisdiction = c.JurisdictionIndex.TryGetValue(op.JurisdictionId, out var j) ? c.Jurisdictions[j] : null;
            if (jurisdiction is null)
            {
                violations.Add(new(ViolationCodes.UnknownJurisdiction, $"Operation {op.Number} names an unknown community.") { OperationId = op.Id, JurisdictionId = op.JurisdictionId });
            }
            var window = new TimeWindow(op.Start, op.End);
            var hasVisit = false;
            foreach (var team in op.Teams)
            {
                hasVisit |= team.Route.Count > 0;
                CheckTeam(c, op, team, window, jurisdiction, conflicts, bookings, visited, violations);
            }
            if (hasVisit)
            {
                operationsPerJurisdiction[op.JurisdictionId] = operationsPerJurisdiction.GetValueOrDefault(op.JurisdictionId) + 1;
            }
        }

        for (var i = 0; i < c.Jurisdictions.Length; i++)
        {
            var operating = c.VenuesByJurisdiction[i].Count(v => c.Venues[v].Status == VenueStatus.Operating);
            var required = Math.Min(c.MinOperations, operating);
            var planned = operationsPerJurisdiction.GetValueOrDefault(c.Jurisdictions[i].Id);
            if (planned < required)
            {
                violations.Add(new(ViolationCodes.TooFewOperations, $"{c.Jurisdictions[i].Name} has {planned} joint operations; at least {required} are required.")
                {
                    JurisdictionId = c.Jurisdictions[i].Id,
                });
            }
        }
        return violations;
    }

    private static void CheckTeam(
        CanonicalInput c,
        PlannedOperation op,
        PlannedTeam team,
        TimeWindow window,
        PlanningJurisdiction? jurisdiction,
        HashSet<(Guid OfficerId, Guid VenueId)> conflicts,
        Dictionary<(Guid Officer, DateOnly Date), Guid> bookings,
        HashSet<Guid> visited,
        List<PlanViolation> violations)
    {
        var s = c.Settings;
        PlanViolation At(string code, string message, Guid? venue = null, Guid? officer = null) =>
            new(code, message) { OperationId = op.Id, TeamNumber = team.Number, VenueId = venue, OfficerId = officer, JurisdictionId = op.JurisdictionId };

        var officers = new List<PlanningOfficer>();
        foreach (var id in team.OfficerIds.Distinct())
        {
            if (!c.OfficerIndex.TryGetValue(id, out var o))
            {
                violations.Add(At(ViolationCodes.UnknownOfficer, $"Team {team.Number} of operation {op.Number} names an unknown officer.", officer: id));
                continue;
            }
            var officer = c.Officers[o];
            officers.Add(officer);
            if (jurisdiction is not null && officer.StreetId != jurisdiction.StreetId)
            {
                violations.Add(At(ViolationCodes.OutsideStreet, $"An officer of team {team.Number} does not serve the street of {jurisdiction.Name}.", officer: id));
            }
            if (officer.UnavailableDates.Contains(op.Date))
            {
                violations.Add(At(ViolationCodes.OnLeave, $"An officer of team {team.Number} is unavailable on {op.Date:yyyy-MM-dd}.", officer: id));
            }
            if (!bookings.TryAdd((id, op.Date), op.Id))
            {
                violations.Add(At(ViolationCodes.DoubleBooked, $"An officer of team {team.Number} of operation {op.Number} already serves another team on {op.Date:yyyy-MM-dd}.", officer: id));
            }
        }
        if (team.OfficerIds.Distinct().Count() < s.MinTeamSize)
        {
            violations.Add(At(ViolationCodes.TeamTooSmall, $"Team {team.Number} of operation {op.Number} has {team.OfficerIds.Distinct().Count()} officers; at least {s.MinTeamSize} are required."));
        }
        if (team.Route.Count > s.MaxVisitsPerTeam)
        {
            violations.Add(At(ViolationCodes.OverCapacity, $"Team {team.Number} of operation {op.Number} has {team.Route.Count} stops; at most {s.MaxVisitsPerTeam} fit."));
        }

        var departments = officers.Select(o => o.Department).ToHashSet();
        var midnight = op.Date.ToDateTime(TimeOnly.MinValue);
        var previousEnd = window.StartMinute;
        var (lon, lat) = jurisdiction is null ? (double.NaN, double.NaN) : (jurisdiction.Longitude, jurisdiction.Latitude);
        var overrun = false;
        foreach (var visit in team.Route)
        {
            if (!c.VenueIndex.TryGetValue(visit.VenueId, out var v))
            {
                violations.Add(At(ViolationCodes.UnknownVenue, $"Team {team.Number} of operation {op.Number} visits an unknown venue.", visit.VenueId));
                continue;
            }
            var venue = c.Venues[v];
            if (!visited.Add(venue.Id))
            {
                violations.Add(At(ViolationCodes.DuplicateVisit, "The venue is planned more than once this month.", venue.Id));
            }
            if (venue.Status != VenueStatus.Operating)
            {
                violations.Add(At(ViolationCodes.VenueNotOperating, $"The venue is {venue.Status}.", venue.Id));
            }
            if (venue.JurisdictionId != op.JurisdictionId)
            {
                violations.Add(At(ViolationCodes.OutsideJurisdiction, "The venue belongs to another community than the operation.", venue.Id));
            }
            foreach (var d in s.DepartmentRules.RequiredFor(venue.Type).Where(d => !departments.Contains(d)))
            {
                violations.Add(At(ViolationCodes.MissingDepartment, $"A {venue.Type} needs a {d} officer in team {team.Number} of operation {op.Number}.", venue.Id));
            }
            foreach (var officer in officers.Where(o => conflicts.Contains((o.Id, venue.Id))))
            {
                violations.Add(At(ViolationCodes.RecusedOfficer, "An officer with a declared conflict is assigned to the venue.", venue.Id, officer.Id));
            }

            var arrival = (int)Math.Floor((visit.ArrivalAt - midnight).TotalMinutes);
            var end = arrival + visit.DurationMinutes;
            if (venue.OpeningHours is not null && !VisitTiming.Contains(VisitTiming.Open(venue.OpeningHours), arrival, end))
            {
                violations.Add(At(ViolationCodes.OutsideOpeningHours, $"The visit at {visit.ArrivalAt:HH\\:mm} is outside the opening hours {venue.OpeningHours}.", venue.Id));
            }
            if (VisitTiming.Overlaps(VisitTiming.LegalClosed(venue.Type, s), arrival, end))
            {
                violations.Add(At(ViolationCodes.LegalClosingHours, $"The visit at {visit.ArrivalAt:HH\\:mm} overlaps the legally closed hours of a {venue.Type}.", venue.Id));
            }
            var travel = double.IsNaN(lon) ? 0 : TravelEstimate.Minutes(TravelEstimate.RoadMetres(lon, lat, venue.Longitude, venue.Latitude, s), s);
            if (arrival < previousEnd + travel)
            {
                violations.Add(At(ViolationCodes.TimingInfeasible, $"Arrival at {visit.ArrivalAt:HH\\:mm} leaves less than the {travel} minutes of travel after the previous stop.", venue.Id));
            }
            overrun |= end > window.EndMinute;
            previousEnd = end;
            (lon, lat) = (venue.Longitude, venue.Latitude);
        }
        if (overrun)
        {
            violations.Add(At(ViolationCodes.OverCapacity, $"Team {team.Number} of operation {op.Number} runs past {op.End:HH\\:mm}."));
        }
    }
}
