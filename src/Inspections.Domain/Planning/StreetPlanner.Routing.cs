using System.Runtime.CompilerServices;
namespace Inspections.Domain.Planning;

internal sealed partial class StreetPlanner
{
    /// <summary>
    /// Seeds each team with the most urgent visit left in the operation's selection (the top of the priority
    /// queue) and grows it with the nearest ones: priority decides who is visited, geography only the grouping.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Route> Partition(List<Candidate> selection, int teamCount, TimeWindow window)
    {
        var routes = new List<Route>();
        var assigned = new bool[selection.Count];
        var distance = new long[selection.Count];
        var seed = 0;
        while (routes.Count < teamCount)
        {
            while (seed < selection.Count && assigned[seed])
            {
                seed++;
            }
            if (seed >= selection.Count)
            {
                break;
            }
            var route = new Route();
            assigned[seed] = true;
            if (!TryAdd(route, selection[seed], window))
            {
                continue;
            }
            for (var j = 0; j < selection.Count; j++)
            {
                distance[j] = Projected(selection[j], selection[seed]);
            }
            var rejected = new bool[selection.Count];
            var rejections = 0;
            while (route.Stops.Count < _s.MaxVisitsPerTeam && rejections < MaxConsecutiveRejections)
            {
                var best = -1;
                for (var j = 0; j < selection.Count; j++)
                {
                    if (!assigned[j] && !rejected[j] && (best < 0 || distance[j] < distance[best]))
                    {
                        best = j;
                    }
                }
                if (best < 0)
                {
                    break;
                }
                if (!TryAdd(route, selection[best], window))
                {
                    rejected[best] = true;
                    rejections++;
                    continue;
                }
                assigned[best] = true;
                rejections = 0;
                for (var j = 0; j < selection.Count; j++)
                {
                    distance[j] = Math.Min(distance[j], Projected(selection[j], selection[best]));
                }
            }
            routes.Add(route);
        }
        return routes;
    }

    /// <summary>Fills the teams' spare time with the next visits in priority order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TopUp(List<Candidate> queue, List<Route> routes, int budget, TimeWindow window)
    {
        var planned = routes.Sum(r => r.Stops.Count);
        var scanned = 0;
        var limit = 2 * _s.MaxVisitsPerTeam * routes.Count;
        var failures = 0;
        var nearest = new (Route Route, long Distance)[routes.Count];
        foreach (var c in queue)
        {
            if (planned >= budget || scanned >= limit || failures >= MaxConsecutiveRejections)
            {
                break;
            }
            if (c.RouteEpoch == _epoch)
            {
                continue;
            }
            scanned++;
            failures++;
            // Routes with room, nearest first (ties: route order); a plain insertion sort, there are a few routes at most.
            var count = 0;
            foreach (var route in routes)
            {
                if (route.Stops.Count >= _s.MaxVisitsPerTeam)
                {
                    continue;
                }
                var distance = long.MaxValue;
                foreach (var s in route.Stops)
                {
                    distance = Math.Min(distance, Projected(s, c));
                }
                var k = count++;
                for (; k > 0 && nearest[k - 1].Distance > distance; k--)
                {
                    nearest[k] = nearest[k - 1];
                }
                nearest[k] = (route, distance);
            }
            for (var k = 0; k < count; k++)
            {
                if (TryAdd(nearest[k].Route, c, window))
                {
                    planned++;
                    failures = 0;
                    break;
                }
            }
        }
    }

    private void Rebuild(Route route, List<Candidate> drop, TimeWindow window)
    {
        var keep = route.Stops.Where(s => !drop.Contains(s)).ToList();
        foreach (var c in drop)
        {
            c.RouteEpoch = 0;
        }
        route.Stops = [];
        route.Arrivals = [];
        route.Mask = 0;
        foreach (var c in keep)
        {
            c.RouteEpoch = 0;
            TryAdd(route, c, window);
        }
    }

    /// <summary>Accepts the visit only if the re-optimised route (nearest neighbour + 2-opt) still fits opening hours and the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAdd(Route route, Candidate candidate, TimeWindow window)
    {
        var n = route.Stops.Count + 1;
        if (n > _s.MaxVisitsPerTeam)
        {
            return false;
        }
        var newDepartments = candidate.Mask & ~route.Mask & ~_alwaysMask;
        for (var d = 0; d < 32; d++)
        {
            if ((newDepartments & (1u << d)) != 0 && _reservedByDepartment[d] >= _freeByDepartment[d])
            {
                return false;
            }
        }
        var stops = new Candidate[n];
        route.Stops.CopyTo(stops);
        stops[n - 1] = candidate;
        var nodes = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            nodes[i + 1] = NodeOf(stops[i]);
        }
        var busy = candidate.Duration;
        foreach (var stop in route.Stops)
        {
            busy += stop.Duration;
        }
        if (busy > window.LengthMinutes)
        {
            return false;
        }
        var size = n + 1;
        var local = new long[size * size];
        for (var a = 0; a < size; a++)
        {
            for (var b = a + 1; b < size; b++)
            {
                local[(a * size) + b] = local[(b * size) + a] = Distance(nodes[a], nodes[b]);
            }
        }
        var order = RouteOptimizer.Plan(n, local);
        var arrivals = new int[n];
        var t = window.StartMinute;
        var previous = 0;
        for (var i = 0; i < n; i++)
        {
            var stop = stops[order[i] - 1];
            var node = nodes[order[i]];
            t += TravelEstimate.Minutes(Distance(previous, node), _s.SpeedKmh);
            var start = VisitTiming.EarliestStart(stop.Allowed, t, stop.Duration, window.EndMinute);
            if (start < 0)
            {
                return false;
            }
            arrivals[i] = start;
            t = start + stop.Duration;
            previous = node;
        }
        route.Stops = [.. order.Select(o => stops[o - 1])];
        route.Arrivals = arrivals;
        route.Mask |= candidate.Mask;
        for (var d = 0; d < 32; d++)
        {
            if ((newDepartments & (1u << d)) != 0)
            {
                _reservedByDepartment[d]++;
            }
        }
        candidate.RouteEpoch = _epoch;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<StreetVisit> Visits(Route route)
    {
        var visits = new List<StreetVisit>(route.Stops.Count);
        var previous = 0;
        for (var i = 0; i < route.Stops.Count; i++)
        {
            var c = route.Stops[i];
            var node = NodeOf(c);
            var metres = Distance(previous, node);
            visits.Add(new StreetVisit(c.Venue, route.Arrivals[i], c.Duration, metres, TravelEstimate.Minutes(metres, _s.SpeedKmh), c.Reasons));
            previous = node;
        }
        return visits;
    }

    /// <summary>Starts a fresh distance cache; <see cref="NodeOf"/> clears a node's row and column when it is added.</summary>
    private void StartOperation(Community community, uint bit)
    {
        Array.Clear(_freeByDepartment);
        Array.Clear(_reservedByDepartment);
        for (var o = 0; o < _officers.Length; o++)
        {
            if (IsFree(o, bit))
            {
                _freeByDepartment[(int)_in.Officers[_officers[o]].Department]++;
            }
        }
        _epoch++;
        _nodeCount = 1;
        _nodeLongitude[0] = community.Info.Longitude;
        _nodeLatitude[0] = community.Info.Latitude;
        _matrix[0] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NodeOf(Candidate c)
    {
        if (c.NodeEpoch == _epoch)
        {
            return c.Node;
        }
        if (_nodeCount == _dimension)
        {
            Grow();
        }
        c.Node = _nodeCount++;
        c.NodeEpoch = _epoch;
        _nodeLongitude[c.Node] = c.Longitude;
        _nodeLatitude[c.Node] = c.Latitude;
        Array.Fill(_matrix, -1, c.Node * _dimension, _nodeCount);
        for (var i = 0; i < c.Node; i++)
        {
            _matrix[(i * _dimension) + c.Node] = -1;
        }
        return c.Node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Distance(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }
        var cached = _matrix[(a * _dimension) + b];
        if (cached >= 0)
        {
            return cached;
        }
        var metres = TravelEstimate.RoadMetres(_nodeLongitude[a], _nodeLatitude[a], _nodeLongitude[b], _nodeLatitude[b], _s.DetourFactor);
        _matrix[(a * _dimension) + b] = metres;
        _matrix[(b * _dimension) + a] = metres;
        return metres;
    }

    private void Grow()
    {
        var dimension = _dimension * 2;
        var matrix = new int[dimension * dimension];
        for (var i = 0; i < _nodeCount; i++)
        {
            Array.Copy(_matrix, i * _dimension, matrix, i * dimension, _nodeCount);
        }
        _matrix = matrix;
        _dimension = dimension;
        Array.Resize(ref _nodeLongitude, dimension);
        Array.Resize(ref _nodeLatitude, dimension);
    }

    private static long Projected(Candidate a, Candidate b)
    {
        long dx = a.X - b.X;
        long dy = a.Y - b.Y;
        return (dx * dx) + (dy * dy);
    }
}
