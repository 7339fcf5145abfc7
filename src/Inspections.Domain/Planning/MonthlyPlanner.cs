using System.Runtime.CompilerServices;
namespace Inspections.Domain.Planning;

/// <summary>
/// Plans a month of joint operations. Pure and deterministic: the same input (in any order) gives the same
/// plan, because the input is canonicalised and every random choice comes from xoshiro256** streams seeded
/// from <see cref="PlanningInput.Seed"/> and logged in <see cref="MonthlyPlan.DrawLog"/>.
/// </summary>
public static class MonthlyPlanner
{
    public const string Algorithm = "inspections.planner/1 (xoshiro256** per street, least-loaded officer draws, nearest neighbour + 2-opt)";

    public static MonthlyPlan Plan(PlanningInput input) => PlanRecorded(input).Plan;

    /// <summary>The plan and its recorded input (<see cref="InputEncoding"/>), which hashes to the plan's fingerprint.</summary>
    public static RecordedPlan PlanRecorded(PlanningInput input)
    {
        var canonical = CanonicalInput.Create(input);
        var streets = canonical.Streets;
        var results = new StreetResult[streets.Count];
        var encoded = Array.Empty<byte>();
        var fingerprint = string.Empty;
        Parallel.Invoke(
            () =>
            {
                encoded = InputFingerprint.Encode(canonical);
                fingerprint = InputFingerprint.Of(encoded);
            },
            () => Parallel.For(0, streets.Count, i => results[i] = new StreetPlanner(canonical, streets[i]).Run()));
        return new RecordedPlan(Merge(canonical, fingerprint, results), encoded);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MonthlyPlan Merge(CanonicalInput c, string fingerprint, StreetResult[] results)
    {
        var draws = new List<DrawRecord>();
        var offsets = new int[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            offsets[i] = draws.Count;
            draws.AddRange(results[i].Draws.Select(d => d with { Index = d.Index + offsets[i] }));
        }

        var operations = new List<(StreetOperation Source, PlannedOperation Draft)>[results.Length];
        var unplanned = new List<(int Venue, UnplannedVisit Visit)>[results.Length];
        Parallel.For(0, results.Length, i =>
        {
            operations[i] = [.. results[i].Operations.Select(o => (o, ToOperation(c, o, offsets[i])))];
            unplanned[i] = [.. results[i].Unplanned.Select(u => (u.Venue, new UnplannedVisit(
                c.Venues[u.Venue].Id,
                c.Venues[u.Venue].JurisdictionId,
                u.Cause,
                Reasons(u.Reasons, offsets[i]))))];
        });

        var numbered = operations
            .SelectMany(x => x)
            .OrderBy(x => x.Source.Date)
            .ThenBy(x => x.Source.Window.StartMinute)
            .ThenBy(x => x.Source.Jurisdiction)
            .Select((x, n) => x.Draft with { Number = n + 1, Id = CanonicalId.Derive($"{fingerprint}/{c.Seed}/operation/{n + 1}") })
            .ToList();

        var outside = Enumerable.Range(0, c.Venues.Length)
            .Where(v => c.VenueJurisdiction[v] < 0 && c.Venues[v].Status == Registry.VenueStatus.Operating)
            .Select(v => (Venue: v, Visit: new UnplannedVisit(c.Venues[v].Id, c.Venues[v].JurisdictionId, UnplannedCauses.UnknownJurisdiction, [])));
        var allUnplanned = unplanned.SelectMany(x => x).Concat(outside).ToList();
        allUnplanned.Sort((a, b) => a.Venue.CompareTo(b.Venue));

        return new MonthlyPlan(c.Month, c.Seed, fingerprint, Algorithm, numbered, [.. allUnplanned.Select(x => x.Visit)], draws);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PlannedOperation ToOperation(CanonicalInput c, StreetOperation o, int drawOffset)
    {
        var midnight = o.Date.ToDateTime(TimeOnly.MinValue);
        var teams = o.Teams
            .Select(t => new PlannedTeam(
                t.Number,
                [.. t.Officers.Select(i => c.Officers[i].Id)],
                [.. t.Visits.Select((v, i) => new PlannedVisit(
                    i + 1,
                    c.Venues[v.Venue].Id,
                    midnight.AddMinutes(v.ArrivalMinute),
                    v.Duration,
                    v.TravelMetres,
                    v.TravelMinutes,
                    Reasons(v.Reasons, drawOffset)))]))
            .ToList();
        return new PlannedOperation(Guid.Empty, 0, c.Jurisdictions[o.Jurisdiction].Id, o.Date, o.Window.Start, o.Window.End, o.Kind, teams);
    }

    /// <summary>Street-local draw indices become plan-wide ones; a list without a draw is final as it is.</summary>
    private static List<VisitReason> Reasons(List<VisitReason> reasons, int drawOffset) =>
        drawOffset == 0 || !reasons.Exists(r => r.Code == ReasonCodes.RandomDraw)
            ? reasons
            : [.. reasons.Select(r => r.Code == ReasonCodes.RandomDraw ? r with { Value = r.Value + drawOffset } : r)];
}

/// <summary>A drawn plan with the canonical encoding of the input it was drawn from (<see cref="InputEncoding"/>).</summary>
public sealed record RecordedPlan(MonthlyPlan Plan, byte[] Input);
