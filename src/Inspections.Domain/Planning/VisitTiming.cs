using System.Runtime.CompilerServices;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// When a venue may be visited, as sorted, disjoint [start, end) minute intervals relative to the midnight
/// that starts the operation's date, covering the day before to the day after (so overnight hours work).
/// </summary>
internal static class VisitTiming
{
    private const int From = -1440;
    private const int To = 2880;

    /// <summary>Open (when the hours are known) and not in the type's legally closed hours.</summary>
    public static int[] Allowed(PlanningVenue venue, PlanningSettings settings)
    {
        var open = Open(venue.OpeningHours);
        return settings.LegalClosedHours.TryGetValue(venue.Type, out var closed) ? Subtract(open, Daily(closed.StartMinute, closed.EndMinute)) : open;
    }

    public static int[] Open(OpeningHours? hours)
    {
        if (hours is null)
        {
            return [From, To];
        }
        var opens = (hours.Opens.Hour * 60) + hours.Opens.Minute;
        var closes = (hours.Closes.Hour * 60) + hours.Closes.Minute + (hours.Overnight ? 1440 : 0);
        return Daily(opens, closes);
    }

    public static int[] LegalClosed(VenueType type, PlanningSettings settings) =>
        settings.LegalClosedHours.TryGetValue(type, out var closed) ? Daily(closed.StartMinute, closed.EndMinute) : [];

    /// <summary>The earliest start at or after <paramref name="earliest"/> so that the whole visit fits an allowed interval and ends by <paramref name="latestEnd"/>; -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int EarliestStart(int[] allowed, int earliest, int duration, int latestEnd)
    {
        for (var i = 0; i < allowed.Length; i += 2)
        {
            if (allowed[i] > latestEnd)
            {
                break;
            }
            var start = Math.Max(earliest, allowed[i]);
            if (start + duration <= allowed[i + 1] && start + duration <= latestEnd)
            {
                return start;
            }
        }
        return -1;
    }

    public static bool Contains(int[] intervals, int start, int end)
    {
        for (var i = 0; i < intervals.Length; i += 2)
        {
            if (start >= intervals[i] && end <= intervals[i + 1])
            {
                return true;
            }
        }
        return false;
    }

    public static bool Overlaps(int[] intervals, int start, int end)
    {
        for (var i = 0; i < intervals.Length; i += 2)
        {
            if (start < intervals[i + 1] && end > intervals[i])
            {
                return true;
            }
        }
        return false;
    }

    private static int[] Daily(int start, int end)
    {
        var list = new List<int>(8);
        for (var day = -1; day <= 2; day++)
        {
            var a = Math.Max(From, start + (day * 1440));
            var b = Math.Min(To, end + (day * 1440));
            if (a >= b)
            {
                continue;
            }
            if (list.Count > 0 && a <= list[^1])
            {
                list[^1] = Math.Max(list[^1], b);
            }
            else
            {
                list.Add(a);
                list.Add(b);
            }
        }
        return [.. list];
    }

    private static int[] Subtract(int[] keep, int[] remove)
    {
        var result = new List<int>(keep.Length + 4);
        for (var i = 0; i < keep.Length; i += 2)
        {
            var a = keep[i];
            var b = keep[i + 1];
            for (var j = 0; j < remove.Length && a < b; j += 2)
            {
                var ra = remove[j];
                var rb = remove[j + 1];
                if (rb <= a || ra >= b)
                {
                    continue;
                }
                if (ra > a)
                {
                    result.Add(a);
                    result.Add(ra);
                }
                a = Math.Max(a, rb);
            }
            if (a < b)
            {
                result.Add(a);
                result.Add(b);
            }
        }
        return [.. result];
    }
}
