using Bogus;
using Inspections.Domain.Common;
using NetTopologySuite.Geometries;

namespace Inspections.Seed;

/// <summary>
/// Lays streets out as blocks of a jittered lattice around 22.63 N, 114.06 E. Communities are runs of lattice cells,
/// so neighbours share their edges exactly and every point of a street lies in exactly one community.
/// Work is done in local metres with only IEEE-exact arithmetic, so the output does not depend on the platform's maths library.
/// </summary>
internal sealed class DemoGeography
{
    public const double CellMetres = 1000;
    private const double CentreLongitude = 114.06;
    private const double CentreLatitude = 22.63;
    private const double MetresPerDegreeLatitude = 110_740;
    private const double MetresPerDegreeLongitude = 102_800;
    private const double Jitter = 0.18;

    private static readonly GeometryFactory Plane = new();

    private readonly double _originX;
    private readonly double _originY;

    private DemoGeography(double width, double height)
    {
        _originX = width / 2;
        _originY = height / 2;
    }

    public IReadOnlyList<StreetArea> Streets { get; private set; } = [];

    public static DemoGeography Create(Randomizer r, IReadOnlyList<int> communitiesPerStreet)
    {
        var largest = communitiesPerStreet.Max();
        var cols = (int)Math.Ceiling(Math.Sqrt(largest * 4.0 / 3.0));
        var rows = (largest + cols - 1) / cols;
        var blocksX = (int)Math.Ceiling(Math.Sqrt(communitiesPerStreet.Count));
        var blocksY = (communitiesPerStreet.Count + blocksX - 1) / blocksX;
        var nx = blocksX * cols;
        var ny = blocksY * rows;

        var lattice = new Coordinate[nx + 1, ny + 1];
        for (var j = 0; j <= ny; j++)
        {
            for (var i = 0; i <= nx; i++)
            {
                var dx = r.Double(-Jitter, Jitter) * CellMetres;
                var dy = r.Double(-Jitter, Jitter) * CellMetres;
                lattice[i, j] = new Coordinate(i * CellMetres + dx, j * CellMetres + dy);
            }
        }

        var geo = new DemoGeography(nx * CellMetres, ny * CellMetres);
        var streets = new List<StreetArea>(communitiesPerStreet.Count);
        for (var s = 0; s < communitiesPerStreet.Count; s++)
        {
            var x0 = s % blocksX * cols;
            var y0 = (blocksY - 1 - s / blocksX) * rows;
            streets.Add(geo.BuildStreet(r, s, lattice, x0, y0, cols, rows, communitiesPerStreet[s]));
        }
        geo.Streets = streets;
        return geo;
    }

    public Point ToPoint(double x, double y)
    {
        var (lon, lat) = ToDegrees(x, y);
        return Geo.Point(lon, lat);
    }

    private (double Longitude, double Latitude) ToDegrees(double x, double y) =>
        (Math.Round(CentreLongitude + (x - _originX) / MetresPerDegreeLongitude, 7),
         Math.Round(CentreLatitude + (y - _originY) / MetresPerDegreeLatitude, 7));

    private MultiPolygon ToBoundary(Coordinate[] ring)
    {
        var degrees = new Coordinate[ring.Length];
        for (var k = 0; k < ring.Length; k++)
        {
            var (lon, lat) = ToDegrees(ring[k].X, ring[k].Y);
            degrees[k] = new Coordinate(lon, lat);
        }
        var polygon = Geo.Factory.CreatePolygon(degrees);
        return Geo.Factory.CreateMultiPolygon([polygon]);
    }

    private StreetArea BuildStreet(Randomizer r, int index, Coordinate[,] lattice, int x0, int y0, int cols, int rows, int communities)
    {
        var runsPerRow = Spread(r, communities, rows, cols);
        var areas = new List<CommunityArea>(communities);
        for (var row = rows - 1; row >= 0; row--)
        {
            var lengths = Spread(r, cols, runsPerRow[row], int.MaxValue);
            var col = 0;
            foreach (var length in lengths)
            {
                var cells = new Coordinate[length][];
                for (var c = 0; c < length; c++)
                {
                    var i = x0 + col + c;
                    var j = y0 + row;
                    cells[c] = [lattice[i, j], lattice[i + 1, j], lattice[i + 1, j + 1], lattice[i, j + 1]];
                }
                var ring = new List<Coordinate>();
                for (var c = 0; c <= length; c++)
                {
                    ring.Add(lattice[x0 + col + c, y0 + row]);
                }
                for (var c = length; c >= 0; c--)
                {
                    ring.Add(lattice[x0 + col + c, y0 + row + 1]);
                }
                ring.Add(ring[0]);
                var metres = ring.ToArray();
                areas.Add(new CommunityArea(index, areas.Count, cells, Plane.CreatePolygon(metres), ToBoundary(metres)));
                col += length;
            }
        }

        var outline = new List<Coordinate>();
        for (var i = 0; i <= cols; i++)
        {
            outline.Add(lattice[x0 + i, y0]);
        }
        for (var j = 1; j <= rows; j++)
        {
            outline.Add(lattice[x0 + cols, y0 + j]);
        }
        for (var i = cols - 1; i >= 0; i--)
        {
            outline.Add(lattice[x0 + i, y0 + rows]);
        }
        for (var j = rows - 1; j >= 0; j--)
        {
            outline.Add(lattice[x0, y0 + j]);
        }
        return new StreetArea(index, areas, ToBoundary([.. outline]));
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> near-equal whole numbers, each at most <paramref name="cap"/>, the larger ones placed at random.</summary>
    private static int[] Spread(Randomizer r, int total, int parts, int cap)
    {
        var result = new int[parts];
        var share = total / parts;
        var extra = total % parts;
        Array.Fill(result, share);
        foreach (var k in r.Shuffle(Enumerable.Range(0, parts)).Take(extra))
        {
            result[k]++;
        }
        if (result.Any(x => x > cap || x < 1))
        {
            throw new InvalidOperationException($"Cannot split {total} into {parts} parts of 1..{cap}.");
        }
        return result;
    }
}

internal sealed record StreetArea(int Index, IReadOnlyList<CommunityArea> Communities, MultiPolygon Boundary);

/// <summary>A community: a horizontal run of lattice cells. <see cref="At"/> maps (u, v) in [0, 1]² across the run to metres.</summary>
internal sealed record CommunityArea(int Street, int Ordinal, Coordinate[][] Cells, Polygon Metres, MultiPolygon Boundary)
{
    public Coordinate At(double u, double v)
    {
        var scaled = u * Cells.Length;
        var k = Math.Min(Cells.Length - 1, (int)scaled);
        var lu = scaled - k;
        var c = Cells[k];
        var x = (1 - lu) * (1 - v) * c[0].X + lu * (1 - v) * c[1].X + lu * v * c[2].X + (1 - lu) * v * c[3].X;
        var y = (1 - lu) * (1 - v) * c[0].Y + lu * (1 - v) * c[1].Y + lu * v * c[2].Y + (1 - lu) * v * c[3].Y;
        return new Coordinate(x, y);
    }

    /// <summary>True when the point lies inside with at least <paramref name="margin"/> metres to the edge.</summary>
    public bool ContainsWithMargin(Coordinate p, double margin)
    {
        var point = Metres.Factory.CreatePoint(p);
        return Metres.Contains(point) && Metres.ExteriorRing.Distance(point) >= margin;
    }
}
