using System.Runtime.CompilerServices;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

internal sealed partial class StreetPlanner
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SelectVisits(Community community)
    {
        var month = _in.Month;
        var finalMonth = month.MonthInQuarter == 2;
        var demand = new List<Candidate>();
        var pool = new List<Candidate>();
        var uncovered = new List<Candidate>();
        foreach (var v in _in.VenuesByJurisdiction[community.Jurisdiction])
        {
            var venue = _in.Venues[v];
            if (venue.Status != VenueStatus.Operating)
            {
                continue;
            }
            var c = CreateCandidate(v, venue);
            var special = _in.QuarterlyTypes.Contains(venue.Type) && !(venue.LastInspectedOn >= month.QuarterStart);
            var cause = Unplannable(c);
            if (cause is not null)
            {
                if (special && finalMonth)
                {
                    c.Reasons.Add(new VisitReason(ReasonCodes.QuarterlySpecialCheck));
                }
                if (c.Demanded || (special && finalMonth))
                {
                    SortReasons(c);
                    _unplanned.Add(new StreetUnplanned(v, cause, c.Reasons));
                }
                continue;
            }
            if (special)
            {
                uncovered.Add(c);
            }
            (c.Demanded ? demand : pool).Add(c);
        }

        var quarterlyWeight = finalMonth ? _s.Weights.QuarterlySpecialCheckFinalMonth : _s.Weights.QuarterlySpecialCheck;
        var quota = (uncovered.Count + (2 - month.MonthInQuarter)) / (3 - month.MonthInQuarter);
        foreach (var c in uncovered.Where(c => c.Demanded))
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.QuarterlySpecialCheck));
            c.Score += quarterlyWeight;
            quota--;
        }
        if (quota > 0)
        {
            var fill = uncovered
                .Where(c => !c.Demanded)
                .OrderBy(c => c.LastInspected)
                .ThenBy(c => c.Tie)
                .Take(quota)
                .ToList();
            foreach (var c in fill)
            {
                c.Reasons.Add(new VisitReason(ReasonCodes.QuarterlySpecialCheck));
                c.Score += quarterlyWeight;
                c.Demanded = true;
                demand.Add(c);
            }
            pool.RemoveAll(c => c.Demanded);
        }

        var draws = ((demand.Count * _s.RandomVisitPercent) + 99) / 100;
        draws = Math.Max(draws, _s.MinRandomVisitsPerJurisdiction);
        draws = Math.Max(draws, Math.Min(_in.MinOperations, demand.Count + pool.Count) - demand.Count);
        draws = Math.Min(draws, pool.Count);
        var poolName = $"venues/{community.Info.Code}/{month}";
        for (var k = 0; k < draws; k++)
        {
            var position = _rng.NextInt(pool.Count);
            var c = pool[position];
            pool.RemoveAt(position);
            c.Reasons.Add(new VisitReason(ReasonCodes.RandomDraw, Draw(poolName, pool.Count + 1, position, _in.Venues[c.Venue].Id)));
            demand.Add(c);
        }

        foreach (var c in demand)
        {
            SortReasons(c);
            community.Queues[c.Night ? Night : Day].Add(c);
        }
        foreach (var queue in community.Queues)
        {
            queue.Sort(Candidate.ByPriority);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Candidate CreateCandidate(int index, PlanningVenue venue)
    {
        var w = _s.Weights;
        if (!_departments.TryGetValue(venue.Type, out var departments))
        {
            var kinds = _s.DepartmentRules.RequiredFor(venue.Type).ToArray();
            _departments[venue.Type] = departments = (kinds, Mask(kinds));
        }
        var c = new Candidate
        {
            Venue = index,
            Night = venue.IsNightVenue,
            Duration = _s.VisitMinutesFor(venue.Type),
            Allowed = Allowed(venue),
            Departments = departments.Kinds,
            Mask = departments.Mask,
            Tie = CanonicalId.TieBreak(_in.Seed, venue.Id),
            LastInspected = venue.LastInspectedOn ?? DateOnly.MinValue,
            X = (int)Math.Round((venue.Longitude - _originLongitude) * _metresPerDegreeLongitude),
            Y = (int)Math.Round((venue.Latitude - _originLatitude) * 110_574),
            Longitude = venue.Longitude,
            Latitude = venue.Latitude,
        };
        var sensitive = _in.IsHolidayMonth && _in.SensitiveTypes.Contains(venue.Type);
        var normalInterval = _s.RiskIntervalMonths[venue.RiskClass];
        var interval = sensitive ? Math.Min(normalInterval, _s.HolidayRiskIntervalMonths[venue.RiskClass]) : normalInterval;
        if (IsDue(venue.LastInspectedOn, interval))
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.RiskFrequency, interval));
            c.Score += w.RiskFrequency + (w.RiskClassStep * (int)venue.RiskClass);
            if (!IsDue(venue.LastInspectedOn, normalInterval))
            {
                c.Reasons.Add(new VisitReason(ReasonCodes.HolidayIntensified));
            }
        }
        if (venue.HasOverdueDeadline)
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.OverdueDeadline));
            c.Score += w.OverdueDeadline;
        }
        if (venue.HasOpenRectification)
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.OpenRectification));
            c.Score += w.OpenRectification;
        }
        if (venue.ComplaintCount > 0)
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.Complaint, venue.ComplaintCount));
            c.Score += w.Complaint + (w.ComplaintExtra * Math.Min(venue.ComplaintCount - 1, w.ComplaintExtraCap));
        }
        c.Demanded = c.Reasons.Count > 0;
        if (venue.LastInspectedOn is null)
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.NeverInspected));
            c.Score += w.NeverInspected;
        }
        if (venue.BreachesSchoolDistanceRule || venue.NearestSchoolMetres < _s.NearSchoolMetres)
        {
            c.Reasons.Add(new VisitReason(ReasonCodes.NearSchool));
            c.Score += w.NearSchool;
        }
        return c;
    }

    private int[] Allowed(PlanningVenue venue)
    {
        if (!_allowed.TryGetValue((venue.Type, venue.OpeningHours), out var allowed))
        {
            _allowed[(venue.Type, venue.OpeningHours)] = allowed = VisitTiming.Allowed(venue, _s);
        }
        return allowed;
    }

    private static uint Mask(IEnumerable<DepartmentKind> kinds)
    {
        var mask = 0u;
        foreach (var k in kinds)
        {
            mask |= 1u << (int)k;
        }
        return mask;
    }

    private bool IsDue(DateOnly? last, int intervalMonths) =>
        last is null || last.Value.AddMonths(intervalMonths) <= _in.Month.LastDay;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? Unplannable(Candidate c)
    {
        foreach (var d in c.Departments)
        {
            if (!_byDepartment.ContainsKey(d))
            {
                return UnplannedCauses.NoDepartmentOfficer;
            }
        }
        var window = _s.WindowFor(c.Night ? OperationKind.Night : OperationKind.Day);
        return VisitTiming.EarliestStart(c.Allowed, window.StartMinute, c.Duration, window.EndMinute) < 0
            ? UnplannedCauses.NoOpeningWindow
            : null;
    }

    private static readonly Dictionary<string, int> ReasonRanks = ReasonCodes.All.Select((code, rank) => (code, rank)).ToDictionary();

    private static readonly Comparison<VisitReason> ByRank = (a, b) => ReasonRank(a.Code).CompareTo(ReasonRank(b.Code));

    /// <summary>Orders the reasons as <see cref="ReasonCodes.All"/> lists them; most arrive in that order already.</summary>
    private static void SortReasons(Candidate c)
    {
        var reasons = c.Reasons;
        for (var i = 1; i < reasons.Count; i++)
        {
            if (ReasonRank(reasons[i - 1].Code) > ReasonRank(reasons[i].Code))
            {
                reasons.Sort(ByRank);
                return;
            }
        }
    }

    private static int ReasonRank(string code) => ReasonRanks.TryGetValue(code, out var rank) ? rank : ReasonCodes.All.Count;
}
