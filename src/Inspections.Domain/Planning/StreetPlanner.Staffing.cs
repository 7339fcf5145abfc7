using System.Runtime.CompilerServices;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

internal sealed partial class StreetPlanner
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<int>? StaffTeam(Route route, PendingOperation op, OperationKind kind, int teamNumber, uint bit, TimeWindow window)
    {
        var conflicted = new HashSet<int>();
        uint required;
        while (true)
        {
            if (route.Stops.Count == 0)
            {
                return null;
            }
            required = _alwaysMask;
            conflicted.Clear();
            foreach (var stop in route.Stops)
            {
                required |= stop.Mask;
                conflicted.UnionWith(ConflictsOf(stop));
            }
            var drop = DropsNeeded(route, required, conflicted, bit, out var hopeless);
            if (hopeless)
            {
                return null;
            }
            if (drop is null)
            {
                break;
            }
            Rebuild(route, drop, window);
        }
        var freeAnywhere = 0;
        for (var o = 0; o < _officers.Length; o++)
        {
            freeAnywhere += IsFree(o, bit) && !conflicted.Contains(_officers[o]) ? 1 : 0;
        }
        if (freeAnywhere < _s.MinTeamSize)
        {
            return null;
        }

        var team = new List<int>();
        var prefix = $"officers/{_in.Jurisdictions[op.Community.Jurisdiction].Code}/{op.Date:yyyy-MM-dd}/{kind}/team{teamNumber}";
        for (var d = 0; d < 32; d++)
        {
            if ((required & (1u << d)) != 0)
            {
                team.Add(DrawOfficer($"{prefix}/{(DepartmentKind)d}", _byDepartment[(DepartmentKind)d], team, conflicted, bit));
            }
        }
        while (team.Count < _s.MinTeamSize)
        {
            team.Add(DrawOfficer($"{prefix}/Any", null, team, conflicted, bit));
        }
        return [.. team.Select(o => _officers[o])];
    }

    /// <summary>
    /// Venues to take off the route before drawing: those needing a department with no free officer today,
    /// or, when every free officer of a department declared a conflict on this route, the venues of the
    /// officer with the fewest conflicts (回避: the venue moves to another team rather than the officer staying).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Candidate>? DropsNeeded(Route route, uint required, HashSet<int> conflicted, uint bit, out bool hopeless)
    {
        hopeless = false;
        for (var d = 0; d < 32; d++)
        {
            if ((required & (1u << d)) == 0)
            {
                continue;
            }
            var free = 0;
            var clear = 0;
            var fewest = -1;
            var fewestConflicts = int.MaxValue;
            foreach (var o in _byDepartment.TryGetValue((DepartmentKind)d, out var officers) ? officers : [])
            {
                if (!IsFree(o, bit))
                {
                    continue;
                }
                free++;
                if (!conflicted.Contains(_officers[o]))
                {
                    clear++;
                    continue;
                }
                var conflicts = route.Stops.Count(s => ConflictsOf(s).Contains(_officers[o]));
                if (conflicts < fewestConflicts)
                {
                    fewest = o;
                    fewestConflicts = conflicts;
                }
            }
            if (free == 0)
            {
                hopeless = (_alwaysMask & (1u << d)) != 0;
                return hopeless ? null : [.. route.Stops.Where(s => (s.Mask & (1u << d)) != 0)];
            }
            if (clear == 0)
            {
                return [.. route.Stops.Where(s => ConflictsOf(s).Contains(_officers[fewest]))];
            }
        }
        return null;
    }

    private int[] ConflictsOf(Candidate c) => _in.ConflictsByVenue.TryGetValue(c.Venue, out var officers) ? officers : [];

    /// <summary>Draws from the least-loaded free officers of the pool (all officers when null), which keeps the month's workload level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int DrawOfficer(string poolName, int[]? officers, List<int> team, HashSet<int> conflicted, uint bit)
    {
        var pool = new List<int>();
        var least = int.MaxValue;
        var count = officers?.Length ?? _officers.Length;
        for (var i = 0; i < count; i++)
        {
            var o = officers?[i] ?? i;
            if (!IsFree(o, bit) || team.Contains(o) || conflicted.Contains(_officers[o]) || _load[o] > least)
            {
                continue;
            }
            if (_load[o] < least)
            {
                least = _load[o];
                pool.Clear();
            }
            pool.Add(o);
        }
        var position = _rng.NextInt(pool.Count);
        var officer = pool[position];
        Draw(poolName, pool.Count, position, _in.Officers[_officers[officer]].Id);
        _booked[officer] |= bit;
        _load[officer]++;
        return officer;
    }

    private int Draw(string pool, int size, int position, Guid picked)
    {
        _draws.Add(new DrawRecord(_draws.Count, pool, size, position, picked));
        return _draws.Count - 1;
    }
}
