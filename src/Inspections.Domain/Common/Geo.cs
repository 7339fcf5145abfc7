using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Inspections.Domain.Common;

/// <summary>WGS-84 (SRID 4326) helpers. Coordinates are stored as longitude (X), latitude (Y).</summary>
public static class Geo
{
    public const int Wgs84 = 4326;

    public static GeometryFactory Factory { get; } =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Wgs84);

    public static Point Point(double longitude, double latitude)
    {
        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainException("location.longitude_range", "Longitude must be between -180 and 180.");
        }
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainException("location.latitude_range", "Latitude must be between -90 and 90.");
        }
        return Factory.CreatePoint(new Coordinate(longitude, latitude));
    }

    public static T EnsureWgs84<T>(T geometry)
        where T : Geometry?
    {
        if (geometry is not null && geometry.SRID != Wgs84)
        {
            geometry.SRID = Wgs84;
        }
        return geometry;
    }

    /// <summary>Rough envelope of the People's Republic of China incl. Hainan; a point outside is surely abroad.</summary>
    public static bool IsRoughlyInChina(Point p) =>
        p.X is >= 73.4 and <= 135.1 && p.Y is >= 18.1 and <= 53.6;

    /// <summary>Great-circle distance in metres (haversine, mean Earth radius). Used for in-memory route estimates only.</summary>
    public static double HaversineMetres(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6_371_008.8;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) *
                Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
