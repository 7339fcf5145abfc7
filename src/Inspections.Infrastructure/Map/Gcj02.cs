namespace Inspections.Infrastructure.Map;

/// <summary>
/// WGS-84 → GCJ-02 (the published "Mars coordinates" approximation used by Gaode/Tencent), for display only. The same
/// formula runs in SQL (<c>map_wgs84_to_gcj02</c>, migration AddMapTiles) for tiles and in wwwroot/js/map.js for
/// overlays; outside China the input is returned unchanged.
/// </summary>
public static class Gcj02
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    public static (double Lon, double Lat) FromWgs84(double lon, double lat)
    {
        if (lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271)
        {
            return (lon, lat);
        }
        var dLat = TransformLat(lon - 105.0, lat - 35.0);
        var dLon = TransformLon(lon - 105.0, lat - 35.0);
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - (Ee * Math.Sin(radLat) * Math.Sin(radLat));
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (lon + dLon, lat + dLat);
    }

    private static double TransformLat(double x, double y)
    {
        var r = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        r += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        r += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        r += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLon(double x, double y)
    {
        var r = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        r += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        r += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        r += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return r;
    }

    /// <summary>The SQL function of the migration, same formula (IMMUTABLE, so a query can inline it).</summary>
    public const string SqlFunction = """
        CREATE OR REPLACE FUNCTION map_wgs84_to_gcj02(g geometry) RETURNS geometry
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT CASE WHEN x < 72.004 OR x > 137.8347 OR y < 0.8293 OR y > 55.8271 THEN g ELSE
          ST_SetSRID(ST_MakePoint(
            x + (dlon * 180.0 / (6378245.0 / sqrt(magic) * cos(radlat) * pi())),
            y + (dlat * 180.0 / (6378245.0 * (1 - 0.00669342162296594323) / (magic * sqrt(magic)) * pi()))), 4326) END
        FROM (
          SELECT x, y, radlat, 1 - 0.00669342162296594323 * sin(radlat) * sin(radlat) AS magic,
            -100.0 + 2.0 * (x - 105) + 3.0 * (y - 35) + 0.2 * (y - 35) * (y - 35) + 0.1 * (x - 105) * (y - 35) + 0.2 * sqrt(abs(x - 105))
              + (20.0 * sin(6.0 * (x - 105) * pi()) + 20.0 * sin(2.0 * (x - 105) * pi())) * 2.0 / 3.0
              + (20.0 * sin((y - 35) * pi()) + 40.0 * sin((y - 35) / 3.0 * pi())) * 2.0 / 3.0
              + (160.0 * sin((y - 35) / 12.0 * pi()) + 320 * sin((y - 35) * pi() / 30.0)) * 2.0 / 3.0 AS dlat,
            300.0 + (x - 105) + 2.0 * (y - 35) + 0.1 * (x - 105) * (x - 105) + 0.1 * (x - 105) * (y - 35) + 0.1 * sqrt(abs(x - 105))
              + (20.0 * sin(6.0 * (x - 105) * pi()) + 20.0 * sin(2.0 * (x - 105) * pi())) * 2.0 / 3.0
              + (20.0 * sin((x - 105) * pi()) + 40.0 * sin((x - 105) / 3.0 * pi())) * 2.0 / 3.0
              + (150.0 * sin((x - 105) / 12.0 * pi()) + 300.0 * sin((x - 105) / 30.0 * pi())) * 2.0 / 3.0 AS dlon
          FROM (SELECT ST_X(g) AS x, ST_Y(g) AS y, ST_Y(g) / 180.0 * pi() AS radlat) p
        ) q
        $fn$;
        """;
}
