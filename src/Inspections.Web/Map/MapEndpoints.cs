using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Map;
using Inspections.Web.Components.Shared;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Inspections.Web.Map;

/// <summary>
/// The enforcement map (ADR 16): vector tiles of the venues, click/popup, search, school buffers, today's teams and the
/// export of the filtered venues. Everything is limited to the user's own jurisdictions by <see cref="MapQueries"/>.
/// </summary>
public static class MapEndpoints
{
    public const string TileContentType = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/map").WithTags("Map").RequireAuthorization(AppPolicies.MapView);
        g.MapGet("/config", ConfigAsync).WithName("MapConfig").WithSummary("Base layers, cluster zoom and the user's extent.");
        g.MapGet("/tiles/{z:int}/{x:int}/{y:int}.mvt", TileAsync).WithName("MapTile")
            .WithSummary("Mapbox vector tile (layer 'venues') of the filtered venues: clusters up to Map:ClusterMaxZoom, venues above.");
        g.MapGet("/click", ClickAsync).WithName("MapClick").WithSummary("The venue (or cluster) under a click at lon,lat and zoom z.");
        g.MapGet("/venues/{id:guid}", PopupAsync).WithName("MapVenuePopup").WithSummary("Type, status, last visit and open notices of a venue.");
        g.MapGet("/search", SearchAsync).WithName("MapSearch").WithSummary("Venues by name or address, to fly to.");
        g.MapGet("/schools", SchoolsAsync).WithName("MapSchools").WithSummary("Schools with the buffer of the distance rules for their kind.");
        g.MapGet("/today", TodayAsync).WithName("MapToday").WithSummary("Today's teams (approved plans, Asia/Shanghai) with route and progress.");
        g.MapGet("/export.geojson", ExportGeoJsonAsync).WithName("MapExportGeoJson").WithSummary("The filtered venues as GeoJSON.");
        g.MapGet("/export.csv", ExportCsvAsync).WithName("MapExportCsv").WithSummary("The filtered venues as CSV (UTF-8 with BOM).");
        return app;
    }

    /// <summary>The map's filter, from the query string (the page and the tile URLs use the same names).</summary>
    public sealed class FilterQuery
    {
        [FromQuery(Name = "type")]
        public VenueType[]? Types { get; set; }

        [FromQuery(Name = "status")]
        public MapVenueStatus[]? Statuses { get; set; }

        [FromQuery(Name = "risk")]
        public RiskClass[]? Risks { get; set; }

        [FromQuery(Name = "department")]
        public DepartmentKind? Department { get; set; }

        [FromQuery(Name = "jurisdictionId")]
        public Guid? JurisdictionId { get; set; }

        [FromQuery(Name = "breach")]
        public bool? Breach { get; set; }

        public MapFilter ToFilter() => new(Types ?? [], Statuses ?? [], Risks ?? [], Department, JurisdictionId, Breach == true);
    }

    public sealed record MapConfigDto(IReadOnlyList<MapBaseLayerDto> BaseLayers, int ClusterMaxZoom, double[] DefaultCenter, int DefaultZoom, MapExtent? Extent);

    public sealed record MapBaseLayerDto(string Name, string Url, string Attribution, string Subdomains, int MaxZoom, bool Gcj02);

    public static async Task<Ok<MapConfigDto>> ConfigAsync(MapQueries queries, IOptions<MapOptions> options, CancellationToken ct)
    {
        var o = options.Value;
        var layers = o.EffectiveBaseLayers().Select(l => new MapBaseLayerDto(l.Name, l.ResolvedUrl, l.Attribution, l.Subdomains, l.MaxZoom, l.IsGcj02)).ToList();
        return TypedResults.Ok(new MapConfigDto(layers, o.ClusterMaxZoom, o.DefaultCenter, o.DefaultZoom, await queries.ExtentAsync(ct)));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> TileAsync(
        int z, int x, int y, [AsParameters] FilterQuery filter, string? crs, MapQueries queries, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (z is < 0 or > MapQueries.MaxZoom)
        {
            errors["z"] = [$"Between 0 and {MapQueries.MaxZoom}."];
        }
        else
        {
            var n = 1L << z;
            if (x < 0 || x >= n)
            {
                errors["x"] = [$"Between 0 and {n - 1} at zoom {z}."];
            }
            if (y < 0 || y >= n)
            {
                errors["y"] = [$"Between 0 and {n - 1} at zoom {z}."];
            }
        }
        if (crs is not null and not "wgs84" and not "gcj02")
        {
            errors["crs"] = ["wgs84 (default) or gcj02."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var tile = await queries.TileAsync(z, x, y, filter.ToFilter(), crs == "gcj02", ct);
        // Private: a tile is per user (jurisdiction); short, because statuses change as visits come in.
        http.Response.Headers.CacheControl = "private, max-age=60";
        return TypedResults.File(tile, TileContentType);
    }

    public static async Task<Results<Ok<MapClickResult>, NoContent, ValidationProblem>> ClickAsync(
        double? lon, double? lat, int? z, [AsParameters] FilterQuery filter, MapQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (lon is not { } lo || double.IsNaN(lo) || Math.Abs(lo) > 180)
        {
            errors["lon"] = ["Longitude within ±180 is required."];
        }
        if (lat is not { } la || double.IsNaN(la) || Math.Abs(la) > 85.06)
        {
            errors["lat"] = ["Latitude within ±85 is required."];
        }
        if (z is not (>= 0 and <= MapQueries.MaxZoom))
        {
            errors["z"] = [$"Zoom between 0 and {MapQueries.MaxZoom} is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var hit = await queries.ClickAsync(lon!.Value, lat!.Value, z!.Value, filter.ToFilter(), ct);
        return hit is null ? TypedResults.NoContent() : TypedResults.Ok(hit);
    }

    public static async Task<Results<Ok<MapVenuePopup>, NotFound>> PopupAsync(Guid id, MapQueries queries, CancellationToken ct) =>
        await queries.PopupAsync(id, ct) is { } popup ? TypedResults.Ok(popup) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<MapSearchHit>>, ValidationProblem>> SearchAsync(
        [FromQuery(Name = "q")] string? text, MapQueries queries, CancellationToken ct, int limit = 10)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 100 || text.Contains('\0', StringComparison.Ordinal))
        {
            errors["q"] = ["Between 1 and 100 characters."];
        }
        if (limit is < 1 or > 50)
        {
            errors["limit"] = ["Between 1 and 50."];
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await queries.SearchAsync(text!, limit, ct));
    }

    public static async Task<Ok<IReadOnlyList<MapSchoolBuffer>>> SchoolsAsync(MapQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.SchoolBuffersAsync(ct));

    public static async Task<Ok<MapToday>> TodayAsync(MapQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.TodayAsync(ct));

    public static async Task ExportGeoJsonAsync([AsParameters] FilterQuery filter, MapQueries queries, IStringLocalizer<SharedResource> texts, HttpContext http, CancellationToken ct)
    {
        var features = new FeatureCollection();
        await foreach (var row in queries.ExportAsync(filter.ToFilter(), ct))
        {
            features.Add(new Feature(new Point(row.Lon, row.Lat) { SRID = 4326 }, new AttributesTable
            {
                { "id", row.Id.ToString() },
                { "name", row.Name },
                { "type", row.Type.ToString() },
                { "typeLabel", texts.Label(row.Type) },
                { "address", row.Address },
                { "riskClass", row.RiskClass.ToString() },
                { "status", row.Status.ToString() },
                { "statusLabel", (string)texts[$"MapVenueStatus.{row.Status}"] },
                { "jurisdiction", row.Jurisdiction },
                { "distanceRuleBreached", row.DistanceRuleBreached },
                { "nearestSchoolDistanceMetres", row.NearestSchoolDistanceMetres },
            }));
        }
        var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        http.Response.ContentType = "application/geo+json; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"venues.geojson\"";
        await JsonSerializer.SerializeAsync(http.Response.Body, features, json, ct);
    }

    public static async Task ExportCsvAsync([AsParameters] FilterQuery filter, MapQueries queries, IStringLocalizer<SharedResource> texts, HttpContext http, CancellationToken ct)
    {
        // Buffered (≈ 150 bytes a venue): the writer is synchronous and the response body is not.
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.Preamble);
        using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var header in new[] { "id", "Map.Export.Name", "Map.Export.Type", "Map.Export.Address", "Map.Export.Risk", "Map.Export.Status", "Map.Export.Jurisdiction", "Map.Export.Breach", "Map.Export.SchoolDistance", "lon", "lat" })
            {
                csv.WriteField(header.StartsWith("Map.", StringComparison.Ordinal) ? texts[header].Value : header);
            }
            csv.EndRecord();
            await foreach (var row in queries.ExportAsync(filter.ToFilter(), ct))
            {
                csv.WriteField(row.Id.ToString());
                csv.WriteField(row.Name);
                csv.WriteField(texts.Label(row.Type));
                csv.WriteField(row.Address);
                csv.WriteField(row.RiskClass.ToString());
                csv.WriteField(texts[$"MapVenueStatus.{row.Status}"].Value);
                csv.WriteField(row.Jurisdiction ?? string.Empty);
                csv.WriteField(texts.DistanceRule(row.DistanceRuleBreached));
                csv.WriteField(row.NearestSchoolDistanceMetres?.ToString("F0", CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(row.Lon.ToString("F6", CultureInfo.InvariantCulture));
                csv.WriteField(row.Lat.ToString("F6", CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"venues.csv\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
    }
}
