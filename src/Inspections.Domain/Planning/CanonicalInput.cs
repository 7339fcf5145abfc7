using System.Runtime.CompilerServices;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>The input validated, de-duplicated and sorted by id, so that input order cannot change the plan.</summary>
internal sealed class CanonicalInput
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CanonicalInput(PlanningInput input)
    {
        if (input.Month.Year == 0)
        {
            throw new DomainException("planning.month.required", "The planning month is required.");
        }
        Month = input.Month;
        Seed = input.Seed;
        Settings = input.Settings ?? throw new DomainException("planning.settings.required", "Planning settings are required.");
        ValidateSettings(Settings);

        Jurisdictions = [.. input.Jurisdictions];
        Venues = [.. input.Venues];
        Officers = [.. input.Officers.Select(o => o with { UnavailableDates = Distinct(o.UnavailableDates) })];
        Conflicts = [.. input.Conflicts.DistinctBy(c => (c.OfficerId, c.VenueId))];
        SortById(Jurisdictions, j => j.Id);
        SortById(Venues, v => v.Id);
        SortById(Officers, o => o.Id);
        Array.Sort(Conflicts, (a, b) =>
        {
            var c = CanonicalId.Compare(a.OfficerId, b.OfficerId);
            return c != 0 ? c : CanonicalId.Compare(a.VenueId, b.VenueId);
        });

        JurisdictionIndex = Index(Jurisdictions, j => j.Id, "jurisdiction");
        VenueIndex = Index(Venues, v => v.Id, "venue");
        OfficerIndex = Index(Officers, o => o.Id, "officer");
        foreach (var j in Jurisdictions)
        {
            RequireCoordinates(j.Longitude, j.Latitude, $"jurisdiction {j.Code}");
        }
        foreach (var v in Venues)
        {
            RequireCoordinates(v.Longitude, v.Latitude, $"venue {v.Id}");
        }

        VenueJurisdiction = new int[Venues.Length];
        for (var i = 0; i < Venues.Length; i++)
        {
            VenueJurisdiction[i] = JurisdictionIndex.TryGetValue(Venues[i].JurisdictionId, out var j) ? j : -1;
        }

        var conflicts = new Dictionary<int, List<int>>();
        foreach (var c in Conflicts)
        {
            if (VenueIndex.TryGetValue(c.VenueId, out var v) && OfficerIndex.TryGetValue(c.OfficerId, out var o))
            {
                if (!conflicts.TryGetValue(v, out var list))
                {
                    conflicts[v] = list = [];
                }
                list.Add(o);
            }
        }
        ConflictsByVenue = conflicts.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

        DatesToAvoid = [.. Settings.DatesToAvoid];
        ExtraWorkingDays = [.. Settings.ExtraWorkingDays];
        QuarterlyTypes = [.. Settings.QuarterlySpecialCheckTypes];
        SensitiveTypes = [.. Settings.MinorsSensitiveTypes];
        IsHolidayMonth = Settings.IsHolidayMonth(Month);

        var byJurisdiction = new List<int>[Jurisdictions.Length];
        for (var j = 0; j < byJurisdiction.Length; j++)
        {
            byJurisdiction[j] = [];
        }
        for (var v = 0; v < Venues.Length; v++)
        {
            if (VenueJurisdiction[v] >= 0)
            {
                byJurisdiction[VenueJurisdiction[v]].Add(v);
            }
        }
        VenuesByJurisdiction = [.. byJurisdiction.Select(l => l.ToArray())];
        OfficersByStreet = Enumerable.Range(0, Officers.Length)
            .GroupBy(o => Officers[o].StreetId)
            .ToDictionary(g => g.Key, g => g.ToArray());

        Streets = [.. Enumerable.Range(0, Jurisdictions.Length)
            .GroupBy(i => Jurisdictions[i].StreetId)
            .OrderBy(g => CanonicalId.Key(g.Key))
            .Select(g => new StreetUnit(g.Key, [.. g]))];
    }

    public PlanningMonth Month { get; }

    public ulong Seed { get; }

    public PlanningSettings Settings { get; }

    public PlanningJurisdiction[] Jurisdictions { get; }

    public PlanningVenue[] Venues { get; }

    public PlanningOfficer[] Officers { get; }

    public OfficerConflict[] Conflicts { get; }

    public Dictionary<Guid, int> JurisdictionIndex { get; }

    public Dictionary<Guid, int> VenueIndex { get; }

    public Dictionary<Guid, int> OfficerIndex { get; }

    /// <summary>Index into <see cref="Jurisdictions"/>, or -1 when the venue's community is not planned.</summary>
    public int[] VenueJurisdiction { get; }

    /// <summary>Venue index → officer indices with a declared conflict.</summary>
    public Dictionary<int, int[]> ConflictsByVenue { get; }

    /// <summary>Venue indices per jurisdiction index, in canonical order.</summary>
    public int[][] VenuesByJurisdiction { get; }

    /// <summary>Officer indices per street id, in canonical order.</summary>
    public Dictionary<Guid, int[]> OfficersByStreet { get; }

    public HashSet<DateOnly> DatesToAvoid { get; }

    public HashSet<DateOnly> ExtraWorkingDays { get; }

    public HashSet<VenueType> QuarterlyTypes { get; }

    public HashSet<VenueType> SensitiveTypes { get; }

    public bool IsHolidayMonth { get; }

    public IReadOnlyList<StreetUnit> Streets { get; }

    public int MinOperations => IsHolidayMonth ? Settings.HolidayMinOperationsPerJurisdiction : Settings.MinOperationsPerJurisdiction;

    public static CanonicalInput Create(PlanningInput input) => new(input);

    public bool IsOperationDay(DateOnly date, OperationKind kind)
    {
        if (!Month.Contains(date) || DatesToAvoid.Contains(date))
        {
            return false;
        }
        var days = kind == OperationKind.Day ? Settings.DayOperationDays : Settings.NightOperationDays;
        return days.Contains(date.DayOfWeek) || ExtraWorkingDays.Contains(date);
    }

    private static void ValidateSettings(PlanningSettings s)
    {
        if (s.MinTeamSize < 2)
        {
            throw new DomainException("planning.settings.team_size", "A team needs at least two officers (行政处罚法 Art. 42).");
        }
        if (s.MinOperationsPerJurisdiction < 0 || s.HolidayMinOperationsPerJurisdiction < 0
            || s.MaxOperationsPerJurisdiction < Math.Max(s.MinOperationsPerJurisdiction, s.HolidayMinOperationsPerJurisdiction))
        {
            throw new DomainException("planning.settings.operations", "The maximum operations per community must cover the minimums.");
        }
        if (s.MaxTeamsPerOperation < 1 || s.MaxVisitsPerTeam < 1 || s.MaxOperationsPerOfficer < 1)
        {
            throw new DomainException("planning.settings.capacity", "Teams per operation, visits per team and operations per officer must be positive.");
        }
        if (s.RandomVisitPercent is < 0 or > 1000 || s.MinRandomVisitsPerJurisdiction < 0)
        {
            throw new DomainException("planning.settings.random", "The random share must be between 0 and 1000 %.");
        }
        if (!(s.SpeedKmh > 0) || !(s.DetourFactor >= 1) || double.IsInfinity(s.SpeedKmh) || double.IsInfinity(s.DetourFactor))
        {
            throw new DomainException("planning.settings.travel", "Speed must be positive and the detour factor at least 1.");
        }
        if (s.DayWindow.LengthMinutes <= 0 || s.NightWindow.LengthMinutes <= 0)
        {
            throw new DomainException("planning.settings.window", "Operation windows must not be empty.");
        }
        foreach (var risk in Enum.GetValues<RiskClass>())
        {
            if (!s.RiskIntervalMonths.TryGetValue(risk, out var m) || m < 1
                || !s.HolidayRiskIntervalMonths.TryGetValue(risk, out var h) || h < 1)
            {
                throw new DomainException("planning.settings.risk_interval", $"Risk class {risk} needs an interval of at least one month.");
            }
        }
        if (s.VisitMinutes.Values.Any(m => m < 1) || s.DefaultVisitMinutes < 1)
        {
            throw new DomainException("planning.settings.visit_minutes", "Visit durations must be positive.");
        }
    }

    private static void RequireCoordinates(double lon, double lat, string what)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw new DomainException("planning.coordinates", $"The coordinates of {what} are not valid WGS-84.");
        }
    }

    private static IReadOnlyList<DateOnly> Distinct(IReadOnlyList<DateOnly>? dates) =>
        dates is null ? [] : [.. dates.Distinct().Order()];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortById<T>(T[] items, Func<T, Guid> id)
    {
        var keys = new UInt128[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = CanonicalId.Key(id(items[i]));
        }
        Array.Sort(keys, items);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<Guid, int> Index<T>(T[] items, Func<T, Guid> id, string what)
    {
        var index = new Dictionary<Guid, int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (!index.TryAdd(id(items[i]), i))
            {
                throw new DomainException("planning.duplicate_id", $"The {what} {id(items[i])} appears twice in the planning input.");
            }
        }
        return index;
    }
}

/// <summary>A street and its communities; officers are shared inside a street, so streets plan independently.</summary>
internal sealed record StreetUnit(Guid StreetId, int[] Communities);
