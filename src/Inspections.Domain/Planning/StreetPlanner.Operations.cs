using System.Runtime.CompilerServices;
namespace Inspections.Domain.Planning;

internal sealed partial class StreetPlanner
{
    private IEnumerable<(int Kind, DateOnly Date)> ScheduleOperations(Community community)
    {
        var teams = new int[2];
        var ops = new int[2];
        for (var k = 0; k < 2; k++)
        {
            var queue = community.Queues[k];
            if (queue.Count == 0)
            {
                continue;
            }
            var window = _s.WindowFor(k == Day ? OperationKind.Day : OperationKind.Night);
            var averageMinutes = (queue.Sum(c => c.Duration) / queue.Count) + AssumedTravelMinutes;
            community.Estimate[k] = Math.Clamp(window.LengthMinutes / averageMinutes, 1, _s.MaxVisitsPerTeam);
            teams[k] = (queue.Count + community.Estimate[k] - 1) / community.Estimate[k];
            ops[k] = (teams[k] + _s.MaxTeamsPerOperation - 1) / _s.MaxTeamsPerOperation;
        }
        var required = Math.Min(_in.MinOperations, community.Queues[Day].Count + community.Queues[Night].Count);
        while (ops[Day] + ops[Night] < required)
        {
            var canNight = community.Queues[Night].Count > ops[Night];
            var canDay = community.Queues[Day].Count > ops[Day];
            var nightLoad = (long)teams[Night] * (ops[Day] + 1);
            var dayLoad = (long)teams[Day] * (ops[Night] + 1);
            var night = canNight && (!canDay || nightLoad > dayLoad || (nightLoad == dayLoad && _in.IsHolidayMonth));
            ops[night ? Night : Day]++;
        }
        while (ops[Day] + ops[Night] > _s.MaxOperationsPerJurisdiction)
        {
            ops[ops[Day] > ops[Night] ? Day : Night]--;
        }
        foreach (var k in new[] { Night, Day })
        {
            var days = _operationDays[k];
            var count = ops[k];
            if (count == 0 || days.Count == 0)
            {
                continue;
            }
            var offset = community.Position * days.Count / (_communities.Length * count);
            for (var i = 0; i < count; i++)
            {
                var start = ((i * days.Count / count) + offset) % days.Count;
                for (var step = 0; step < days.Count; step++)
                {
                    var date = days[(start + step) % days.Count];
                    if (community.UsedDates.Add(date))
                    {
                        community.OperationsLeft[k]++;
                        yield return (k, date);
                        break;
                    }
                }
            }
        }
    }

    private DateOnly? NextFreeDay(PendingOperation op)
    {
        foreach (var date in _operationDays[op.Kind])
        {
            if (date > op.Date && !op.Community.UsedDates.Contains(date))
            {
                return date;
            }
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunOperation(PendingOperation op)
    {
        var community = op.Community;
        var queue = community.Queues[op.Kind];
        if (queue.Count == 0)
        {
            return true;
        }
        var kind = op.Kind == Day ? OperationKind.Day : _in.IsHolidayMonth ? OperationKind.HolidayCampaign : OperationKind.Night;
        var window = _s.WindowFor(kind);
        var bit = 1u << (op.Date.Day - 1);
        var estimate = community.Estimate[op.Kind];
        var budget = (queue.Count + community.OperationsLeft[op.Kind] - 1) / community.OperationsLeft[op.Kind];
        var teamCount = Math.Min(Math.Min(_s.MaxTeamsPerOperation, (budget + estimate - 1) / estimate), AvailableTeams(bit));
        if (teamCount == 0)
        {
            return false;
        }

        StartOperation(community, bit);
        var selection = queue.Take(Math.Min(budget, teamCount * estimate)).ToList();
        var routes = Partition(selection, teamCount, window);
        TopUp(queue, routes, budget, window);

        var teams = new List<StreetTeam>();
        foreach (var route in routes)
        {
            var officers = StaffTeam(route, op, kind, teams.Count + 1, bit, window);
            if (officers is null)
            {
                foreach (var c in route.Stops)
                {
                    c.RouteEpoch = 0;
                }
                continue;
            }
            teams.Add(new StreetTeam(teams.Count + 1, officers, Visits(route)));
            foreach (var c in route.Stops)
            {
                c.Planned = true;
            }
        }
        if (teams.Count == 0)
        {
            return false;
        }
        _operations.Add(new StreetOperation(community.Jurisdiction, op.Date, kind, window, teams));
        queue.RemoveAll(c => c.Planned);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AvailableTeams(uint bit)
    {
        var teams = int.MaxValue;
        foreach (var d in _s.DepartmentRules.Always)
        {
            teams = Math.Min(teams, _byDepartment.TryGetValue(d, out var officers) ? officers.Count(o => IsFree(o, bit)) : 0);
        }
        var all = 0;
        for (var o = 0; o < _officers.Length; o++)
        {
            all += IsFree(o, bit) ? 1 : 0;
        }
        return Math.Min(teams, all / _s.MinTeamSize);
    }

    private bool IsFree(int officer, uint bit) =>
        ((_blocked[officer] | _booked[officer]) & bit) == 0 && _load[officer] < _s.MaxOperationsPerOfficer;

    private List<DateOnly> DaysFor(OperationKind kind)
    {
        var days = new List<DateOnly>();
        for (var date = _in.Month.FirstDay; date <= _in.Month.LastDay; date = date.AddDays(1))
        {
            if (_in.IsOperationDay(date, kind))
            {
                days.Add(date);
            }
        }
        return days;
    }
}
