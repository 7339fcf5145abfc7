namespace Inspections.Infrastructure.Map;

/// <summary>
/// The map page (section <c>Map</c>). Base layers are optional: with none configured the venue layers draw on a plain
/// background, which is what tests and offline installations get.
/// </summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>Shortcut for one XYZ base layer (kept for existing configurations); added before <see cref="BaseLayers"/>.</summary>
    public string BaseMapUrl { get; set; } = string.Empty;

    public string BaseMapAttribution { get; set; } = string.Empty;

    /// <summary>Base layers the user can choose from; the first is shown at start.</summary>
    public List<MapBaseLayer> BaseLayers { get; set; } = [];

    /// <summary>Up to this zoom the tiles carry grid clusters (count + dominant status) instead of single venues.</summary>
    public int ClusterMaxZoom { get; set; } = 12;

    /// <summary>Cluster cell size in screen pixels (a divisor of 256, so cells align with tiles).</summary>
    public int ClusterCellPixels { get; set; } = 32;

    /// <summary>Map centre when the user's jurisdictions have no boundary (lon, lat).</summary>
    public double[] DefaultCenter { get; set; } = [114.0579, 22.5431];

    public int DefaultZoom { get; set; } = 12;

    /// <summary>The base layers to offer, <see cref="BaseMapUrl"/> first; layers without a URL are left out.</summary>
    public IReadOnlyList<MapBaseLayer> EffectiveBaseLayers()
    {
        var layers = new List<MapBaseLayer>();
        if (!string.IsNullOrWhiteSpace(BaseMapUrl))
        {
            layers.Add(new MapBaseLayer { Name = "Base map", Url = BaseMapUrl, Attribution = BaseMapAttribution });
        }
        layers.AddRange(BaseLayers.Where(l => !string.IsNullOrWhiteSpace(l.Url)));
        return layers;
    }
}

/// <summary>
/// One base layer. <see cref="Url"/> is a Leaflet XYZ template (<c>{z}/{x}/{y}</c>, <c>{s}</c>); for Tianditu's WMTS
/// use its KVP form (<c>…/vec_w/wmts?SERVICE=WMTS&amp;REQUEST=GetTile&amp;…&amp;TILEMATRIX={z}&amp;TILEROW={y}&amp;TILECOL={x}&amp;tk={key}</c>)
/// and put the key in <see cref="Key"/>. <see cref="CoordinateSystem"/> <c>GCJ02</c> (Gaode, Tencent) makes the map shift
/// every overlay from WGS-84 to GCJ-02 for display; stored coordinates stay WGS-84.
/// </summary>
public sealed class MapBaseLayer
{
    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string Attribution { get; set; } = string.Empty;

    /// <summary>Replaces <c>{key}</c> in <see cref="Url"/> (Tianditu's browser key, visible to the browser anyway).</summary>
    public string Key { get; set; } = string.Empty;

    public string Subdomains { get; set; } = string.Empty;

    public int MaxZoom { get; set; } = 18;

    /// <summary><c>WGS84</c> (OpenStreetMap, Tianditu/CGCS2000) or <c>GCJ02</c> (Gaode, Tencent).</summary>
    public string CoordinateSystem { get; set; } = "WGS84";

    public bool IsGcj02 => string.Equals(CoordinateSystem, "GCJ02", StringComparison.OrdinalIgnoreCase);

    public string ResolvedUrl => Url.Replace("{key}", Uri.EscapeDataString(Key), StringComparison.Ordinal);
}
