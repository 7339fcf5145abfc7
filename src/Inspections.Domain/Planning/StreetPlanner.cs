using System.Runtime.CompilerServices;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// Plans one street: its officers are shared by its communities and by nothing else, so streets are
/// independent and each draws from its own random stream. Steps: choose the month's visits per community
/// (mandatory, priority, random draws), spread the community's operations over the month, then walk the
/// operations in date order, cutting teams and routes from the top of each priority queue and drawing the
/// officers.
/// </summary>
internal sealed partial class StreetPlanner
{
    /// <summary>Only used to estimate how many teams a queue needs; real routes are timed exactly.</summary>
    private const int AssumedTravelMinutes = 6;

    private const int MaxRescheduleAttempts = 5;

    /// <summary>A team that refused this many nearest candidates in a row is taken to be full.</summary>
    private const int MaxConsecutiveRejections = 8;

    private const int Day = 0;
    private const int Night = 1;

    private readonly CanonicalInput _in;
    private readonly PlanningSettings _s;
    private readonly Xoshiro256StarStar _rng;
    private readonly List<DrawRecord> _draws = [];
    private readonly List<StreetUnplanned> _unplanned = [];
    private readonly List<StreetOperation> _operations = [];
    private readonly Community[] _communities;
    private readonly List<DateOnly>[] _operationDays;

    private readonly int[] _officers;
    private readonly uint[] _blocked;
    private readonly uint[] _booked;
    private readonly int[] _load;
    private readonly Dictionary<DepartmentKind, int[]> _byDepartment;
    private readonly Dictionary<(VenueType, OpeningHours?), int[]> _allowed = [];
    private readonly Dictionary<VenueType, (DepartmentKind[] Kinds, uint Mask)> _departments = [];
    private readonly uint _alwaysMask;
    private readonly int[] _freeByDepartment = new int[32];
    private readonly int[] _reservedByDepartment = new int[32];

    private readonly double _originLongitude;
    private readonly double _originLatitude;
    private readonly double _metresPerDegreeLongitude;

    private int[] _matrix = new int[64 * 64];
    private int _dimension = 64;
    private int _nodeCount;
    private int _epoch;
    private double[] _nodeLongitude = new double[64];
    private double[] _nodeLatitude = new double[64];

    public StreetPlanner(CanonicalInput input, StreetUnit street)
    {
        _in = input;
        _s = input.Settings;
        var streetKey = CanonicalId.Key(street.StreetId);
        var streamSeed = SplitMix64.Mix(input.Seed ^ SplitMix64.Mix((ulong)(streetKey >> 64))) ^ SplitMix64.Mix((ulong)streetKey);
        _rng = new Xoshiro256StarStar(streamSeed);

        var first = input.Jurisdictions[street.Communities[0]];
        _originLongitude = first.Longitude;
        _originLatitude = first.Latitude;
        _metresPerDegreeLongitude = 111_320 * Math.Cos(double.DegreesToRadians(first.Latitude));

        _communities = [.. street.Communities.Select((j, i) => new Community(j, input.Jurisdictions[j], i))];
        _operationDays = [DaysFor(OperationKind.Day), DaysFor(OperationKind.Night)];

        _officers = input.OfficersByStreet.TryGetValue(street.StreetId, out var officers) ? officers : [];
        _blocked = new uint[_officers.Length];
        _booked = new uint[_officers.Length];
        _load = new int[_officers.Length];
        for (var o = 0; o < _officers.Length; o++)
        {
            foreach (var date in input.Officers[_officers[o]].UnavailableDates)
            {
                if (input.Month.Contains(date))
                {
                    _blocked[o] |= 1u << (date.Day - 1);
                }
            }
        }
        _byDepartment = Enumerable.Range(0, _officers.Length)
            .GroupBy(o => input.Officers[_officers[o]].Department)
            .ToDictionary(g => g.Key, g => g.ToArray());
        _alwaysMask = Mask(_s.DepartmentRules.Always);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StreetResult Run()
    {
        foreach (var community in _communities)
        {
            SelectVisits(community);
        }
        var pending = new SortedSet<PendingOperation>(PendingOperation.Order);
        var serial = 0;
        foreach (var community in _communities)
        {
            foreach (var (kind, date) in ScheduleOperations(community))
            {
                pending.Add(new PendingOperation(community, kind, date, 0, serial++));
            }
        }
        while (pending.Count > 0)
        {
            var op = pending.Min!;
            pending.Remove(op);
            if (RunOperation(op) || op.Attempts >= MaxRescheduleAttempts || NextFreeDay(op) is not { } later)
            {
                op.Community.OperationsLeft[op.Kind]--;
                continue;
            }
            op.Community.UsedDates.Add(later);
            pending.Add(op with { Date = later, Attempts = op.Attempts + 1 });
        }
        foreach (var community in _communities)
        {
            foreach (var queue in community.Queues)
            {
                foreach (var c in queue)
                {
                    _unplanned.Add(new StreetUnplanned(c.Venue, UnplannedCauses.Capacity, c.Reasons));
                }
            }
        }
        return new StreetResult(_operations, _unplanned, _draws);
    }

    private sealed class Community(int jurisdiction, PlanningJurisdiction info, int position)
    {
        public int Jurisdiction { get; } = jurisdiction;

        public PlanningJurisdiction Info { get; } = info;

        public int Position { get; } = position;

        public List<Candidate>[] Queues { get; } = [[], []];

        public int[] OperationsLeft { get; } = new int[2];

        public int[] Estimate { get; } = [1, 1];

        public HashSet<DateOnly> UsedDates { get; } = [];
    }

    private sealed class Candidate
    {
        public static readonly Comparison<Candidate> ByPriority = (a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c != 0)
            {
                return c;
            }
            c = a.Tie.CompareTo(b.Tie);
            return c != 0 ? c : a.Venue.CompareTo(b.Venue);
        };

        public int Venue { get; init; }

        public bool Night { get; init; }

        public int Duration { get; init; }

        public int[] Allowed { get; init; } = [];

        public IReadOnlyList<DepartmentKind> Departments { get; init; } = [];

        public uint Mask { get; init; }

        public ulong Tie { get; init; }

        public DateOnly LastInspected { get; init; }

        public int X { get; init; }

        public int Y { get; init; }

        public double Longitude { get; init; }

        public double Latitude { get; init; }

        public List<VisitReason> Reasons { get; } = [];

        public int Score { get; set; }

        public bool Demanded { get; set; }

        public bool Planned { get; set; }

        public int RouteEpoch { get; set; }

        public int Node { get; set; }

        public int NodeEpoch { get; set; }
    }

    private sealed class Route
    {
        public List<Candidate> Stops { get; set; } = [];

        public int[] Arrivals { get; set; } = [];

        public uint Mask { get; set; }
    }

    private sealed record PendingOperation(Community Community, int Kind, DateOnly Date, int Attempts, int Serial)
    {
        public static readonly IComparer<PendingOperation> Order = Comparer<PendingOperation>.Create((a, b) =>
        {
            var c = a.Date.CompareTo(b.Date);
            if (c == 0)
            {
                c = a.Kind.CompareTo(b.Kind);
            }
            if (c == 0)
            {
                c = a.Community.Position.CompareTo(b.Community.Position);
            }
            return c != 0 ? c : a.Serial.CompareTo(b.Serial);
        });
    }
}

internal sealed record StreetResult(List<StreetOperation> Operations, List<StreetUnplanned> Unplanned, List<DrawRecord> Draws);

internal sealed record StreetOperation(int Jurisdiction, DateOnly Date, OperationKind Kind, TimeWindow Window, List<StreetTeam> Teams);

internal sealed record StreetTeam(int Number, List<int> Officers, List<StreetVisit> Visits);

internal sealed record StreetVisit(int Venue, int ArrivalMinute, int Duration, int TravelMetres, int TravelMinutes, List<VisitReason> Reasons);

internal sealed record StreetUnplanned(int Venue, string Cause, List<VisitReason> Reasons);
