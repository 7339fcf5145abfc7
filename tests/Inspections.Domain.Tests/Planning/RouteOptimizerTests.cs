using Inspections.Domain.Planning;

namespace Inspections.Domain.Tests.Planning;

public sealed class RouteOptimizerTests
{
    [Fact]
    public void TwoOptNeverMakesTheNearestNeighbourRouteLonger()
    {
        var rng = new Xoshiro256StarStar(99);
        var improved = 0;

        for (var instance = 0; instance < 300; instance++)
        {
            var stops = 3 + rng.NextInt(10);
            var points = Enumerable.Range(0, stops + 1)
                .Select(_ => (Lon: 114.02 + (rng.NextInt(3000) / 100_000.0), Lat: 22.59 + (rng.NextInt(3000) / 100_000.0)))
                .ToArray();
            long Distance(int a, int b) => TravelEstimate.RoadMetres(points[a].Lon, points[a].Lat, points[b].Lon, points[b].Lat, 1.3);

            var nearest = RouteOptimizer.NearestNeighbour(stops, Distance);
            var optimised = (int[])nearest.Clone();
            RouteOptimizer.TwoOpt(optimised, Distance);

            var before = RouteOptimizer.PathLength(nearest, Distance);
            var after = RouteOptimizer.PathLength(optimised, Distance);
            Assert.True(after <= before, $"instance {instance}: {after} > {before}");
            Assert.Equal(Enumerable.Range(1, stops), optimised.Order());
            improved += after < before ? 1 : 0;
        }
        Assert.True(improved > 0, "2-opt should improve some nearest-neighbour routes.");
    }

    [Fact]
    public void NearestNeighbourStartsFromTheOfficeAndTakesTheClosestStopEachTime()
    {
        double[] x = [0, 5, 1, 2, 9];
        long Distance(int a, int b) => (long)Math.Abs(x[a] - x[b]);

        Assert.Equal([2, 3, 1, 4], RouteOptimizer.NearestNeighbour(4, Distance));
    }

    [Fact]
    public void TwoOptUncrossesACrossedRoute()
    {
        (int X, int Y)[] p = [(0, 0), (0, 10), (10, 0), (10, 10), (0, 20)];
        long Distance(int a, int b) => (long)Math.Round(Math.Sqrt(Math.Pow(p[a].X - p[b].X, 2) + Math.Pow(p[a].Y - p[b].Y, 2)) * 100);
        int[] crossed = [2, 1, 3, 4];

        RouteOptimizer.TwoOpt(crossed, Distance);

        Assert.True(RouteOptimizer.PathLength(crossed, Distance) < RouteOptimizer.PathLength([2, 1, 3, 4], Distance));
    }
}
