using Inspections.Domain.Common;

namespace Inspections.Domain.Planning;

/// <summary>
/// Road distance and driving time between two points: great-circle distance × detour factor ÷ speed.
/// Metres are rounded to whole metres and minutes up to whole minutes, so every comparison the planner
/// makes is on integers and a replay on another machine cannot tip on the last bit of a sine.
/// </summary>
public static class TravelEstimate
{
    public static int RoadMetres(double lon1, double lat1, double lon2, double lat2, double detourFactor) =>
        (int)Math.Round(Geo.HaversineMetres(lon1, lat1, lon2, lat2) * detourFactor, MidpointRounding.AwayFromZero);

    public static int RoadMetres(double lon1, double lat1, double lon2, double lat2, PlanningSettings settings) =>
        RoadMetres(lon1, lat1, lon2, lat2, settings.DetourFactor);

    public static int Minutes(int roadMetres, double speedKmh) =>
        (int)Math.Ceiling(roadMetres * 60.0 / (speedKmh * 1000.0));

    public static int Minutes(int roadMetres, PlanningSettings settings) => Minutes(roadMetres, settings.SpeedKmh);
}
