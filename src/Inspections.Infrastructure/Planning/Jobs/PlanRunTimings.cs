using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Inspections.Infrastructure.Planning.Jobs;

/// <summary>
/// Where a monthly run's time went, phase by phase, summed over the streets (streets run in parallel, so the sum of the
/// per-street phases exceeds the run's wall time). Logged at the end of a run and read by the <c>plan</c> benchmark.
/// </summary>
public sealed class PlanRunTimings
{
    private readonly ConcurrentDictionary<string, long> _ticks = new();

    public TimeSpan Wall { get; internal set; }

    public IReadOnlyDictionary<string, TimeSpan> Phases =>
        _ticks.ToDictionary(p => p.Key, p => Stopwatch.GetElapsedTime(0, p.Value));

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="phase"/> and returns now, for the next phase.</summary>
    public long Lap(string phase, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks.AddOrUpdate(phase, now - since, (_, t) => t + now - since);
        return now;
    }

    public override string ToString() =>
        string.Join(", ", Phases.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.TotalSeconds:F2} s")));
}
