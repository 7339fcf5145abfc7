using System.Runtime.CompilerServices;
namespace Inspections.Domain.Planning;

/// <summary>
/// Orders a team's stops: nearest neighbour from the start (node 0), then 2-opt on the open path.
/// Stops are nodes 1..n; the distance function is over nodes 0..n. Only strict improvements are applied,
/// so 2-opt never lengthens the nearest-neighbour route. Routes are short (≤ ~12 stops), so O(n²) is fine.
/// </summary>
public static class RouteOptimizer
{
    public static int[] Plan(int stopCount, Func<int, int, long> distance)
    {
        var order = NearestNeighbour(stopCount, distance);
        TwoOpt(order, distance);
        return order;
    }

    public static int[] NearestNeighbour(int stopCount, Func<int, int, long> distance) =>
        NearestNeighbour(stopCount, Matrix(stopCount, distance));

    /// <summary>Improves <paramref name="order"/> in place by reversing segments while that shortens the path.</summary>
    public static void TwoOpt(int[] order, Func<int, int, long> distance) => TwoOpt(order, Matrix(order.Length, distance));

    public static long PathLength(IReadOnlyList<int> order, Func<int, int, long> distance)
    {
        long total = 0;
        var current = 0;
        foreach (var n in order)
        {
            total += distance(current, n);
            current = n;
        }
        return total;
    }

    /// <summary>The same, over a row-major (n+1)×(n+1) matrix; the planner's hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int[] Plan(int stopCount, long[] matrix)
    {
        var order = NearestNeighbour(stopCount, matrix);
        TwoOpt(order, matrix);
        return order;
    }

    private static long[] Matrix(int stopCount, Func<int, int, long> distance)
    {
        var size = stopCount + 1;
        var matrix = new long[size * size];
        for (var a = 0; a < size; a++)
        {
            for (var b = 0; b < size; b++)
            {
                matrix[(a * size) + b] = distance(a, b);
            }
        }
        return matrix;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] NearestNeighbour(int stopCount, long[] d)
    {
        var size = stopCount + 1;
        var order = new int[stopCount];
        var used = new bool[size];
        var current = 0;
        for (var k = 0; k < stopCount; k++)
        {
            var best = -1;
            var bestDistance = long.MaxValue;
            for (var n = 1; n <= stopCount; n++)
            {
                if (!used[n] && d[(current * size) + n] < bestDistance)
                {
                    best = n;
                    bestDistance = d[(current * size) + n];
                }
            }
            used[best] = true;
            order[k] = best;
            current = best;
        }
        return order;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoOpt(int[] order, long[] d)
    {
        var n = order.Length;
        var size = n + 1;
        var improved = n >= 2;
        while (improved)
        {
            improved = false;
            for (var i = -1; i < n - 1; i++)
            {
                var a = i < 0 ? 0 : order[i];
                var b = order[i + 1];
                for (var j = i + 2; j < n; j++)
                {
                    var c = order[j];
                    var removed = d[(a * size) + b];
                    var added = d[(a * size) + c];
                    if (j + 1 < n)
                    {
                        var e = order[j + 1];
                        removed += d[(c * size) + e];
                        added += d[(b * size) + e];
                    }
                    if (added < removed)
                    {
                        Array.Reverse(order, i + 1, j - i);
                        improved = true;
                        b = order[i + 1];
                    }
                }
            }
        }
    }
}
