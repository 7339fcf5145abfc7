using Inspections.Infrastructure.Common;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Registry;

public sealed record VenueSearch
{
    public string? Text { get; init; }

    public VenueType[]? Types { get; init; }

    public VenueStatus[]? Statuses { get; init; }

    public RiskClass[]? RiskClasses { get; init; }

    /// <summary>A street or community: a street includes its communities.</summary>
    public Guid? JurisdictionId { get; init; }

    public bool? BreachesDistanceRule { get; init; }

    /// <summary>minLon, minLat, maxLon, maxLat (WGS-84).</summary>
    public double[]? BoundingBox { get; init; }

    public double? NearLongitude { get; init; }

    public double? NearLatitude { get; init; }

    public double? WithinMetres { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    public string? SortBy { get; init; }

    public bool Descending { get; init; }
}

public sealed record VenueListItem(
    Guid Id,
    string Name,
    VenueType Type,
    string? CreditCode,
    string Address,
    double Longitude,
    double Latitude,
    Guid? JurisdictionId,
    string? JurisdictionName,
    VenueStatus Status,
    RiskClass RiskClass,
    bool IsNightVenue,
    string? OpeningHours,
    double? NearestSchoolDistanceMetres,
    string? DistanceRuleBreached,
    bool CreditCodeValid,
    double? DistanceMetres);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed class VenueQueries(InspectionsDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<PagedResult<VenueListItem>> SearchAsync(VenueSearch s, CancellationToken ct = default)
    {
        var q = db.Venues.AsNoTracking();

        if (!string.IsNullOrWhiteSpace(s.Text))
        {
            var text = s.Text.Trim();
            var code = CreditCode.Normalize(text);
            var pattern = LikePattern.Contains(text);
            q = q.Where(v => EF.Functions.ILike(v.Name, pattern, "\\")
                          || EF.Functions.ILike(v.Address, pattern, "\\")
                          || v.CreditCode == code);
        }
        if (s.Types is { Length: > 0 })
        {
            q = q.Where(v => s.Types.Contains(v.Type));
        }
        if (s.Statuses is { Length: > 0 })
        {
            q = q.Where(v => s.Statuses.Contains(v.Status));
        }
        if (s.RiskClasses is { Length: > 0 })
        {
            q = q.Where(v => s.RiskClasses.Contains(v.RiskClass));
        }
        if (s.JurisdictionId is { } jid)
        {
            var scope = db.Jurisdictions.Where(j => j.Id == jid || j.ParentId == jid).Select(j => (Guid?)j.Id);
            q = q.Where(v => scope.Contains(v.JurisdictionId));
        }
        if (s.BreachesDistanceRule is { } breaches)
        {
            q = breaches ? q.Where(v => v.DistanceRuleBreached != null) : q.Where(v => v.DistanceRuleBreached == null);
        }
        if (s.BoundingBox is { Length: 4 } bb)
        {
            var box = Geo.Factory.ToGeometry(new NetTopologySuite.Geometries.Envelope(bb[0], bb[2], bb[1], bb[3]));
            q = q.Where(v => v.Location.Intersects(box));
        }
        NetTopologySuite.Geometries.Point? near = null;
        if (s.NearLongitude is { } lon && s.NearLatitude is { } lat)
        {
            near = Geo.Point(lon, lat);
            if (s.WithinMetres is { } metres)
            {
                q = q.Where(v => v.Location.IsWithinDistance(near, metres));
            }
        }

        var total = await q.CountAsync(ct);
        var sort = s.SortBy?.ToLowerInvariant() ?? (near is null ? "name" : "distance");
        var ordered = sort switch
        {
            "distance" when near is not null => q.OrderBy(v => v.Location.Distance(near)).ThenBy(v => v.Id),
            "type" => s.Descending ? q.OrderByDescending(v => v.Type).ThenBy(v => v.Name) : q.OrderBy(v => v.Type).ThenBy(v => v.Name),
            "risk" => s.Descending ? q.OrderByDescending(v => v.RiskClass).ThenBy(v => v.Name) : q.OrderBy(v => v.RiskClass).ThenBy(v => v.Name),
            "status" => s.Descending ? q.OrderByDescending(v => v.Status).ThenBy(v => v.Name) : q.OrderBy(v => v.Status).ThenBy(v => v.Name),
            "updated" => s.Descending ? q.OrderByDescending(v => v.UpdatedAt) : q.OrderBy(v => v.UpdatedAt),
            "school" => s.Descending ? q.OrderByDescending(v => v.NearestSchoolDistanceMetres) : q.OrderBy(v => v.NearestSchoolDistanceMetres),
            _ => s.Descending ? q.OrderByDescending(v => v.Name).ThenBy(v => v.Id) : q.OrderBy(v => v.Name).ThenBy(v => v.Id),
        };

        var page = Math.Max(1, s.Page);
        var size = Math.Clamp(s.PageSize, 1, MaxPageSize);
        var rows = await ordered
            .Skip((page - 1) * size)
            .Take(size)
            .Select(v => new
            {
                v.Id, v.Name, v.Type, v.CreditCode, v.Address, v.Location, v.JurisdictionId,
                JurisdictionName = db.Jurisdictions.Where(j => j.Id == v.JurisdictionId).Select(j => j.Name).FirstOrDefault(),
                v.Status, v.RiskClass, v.IsNightVenue, v.OpeningHours, v.NearestSchoolDistanceMetres, v.DistanceRuleBreached,
                Distance = near == null ? (double?)null : v.Location.Distance(near),
            })
            .ToListAsync(ct);

        var items = rows.Select(r => new VenueListItem(
            r.Id, r.Name, r.Type, r.CreditCode, r.Address, r.Location.X, r.Location.Y, r.JurisdictionId, r.JurisdictionName,
            r.Status, r.RiskClass, r.IsNightVenue, r.OpeningHours?.ToString(), r.NearestSchoolDistanceMetres, r.DistanceRuleBreached,
            CreditCode.IsValid(r.CreditCode), r.Distance is null ? null : Math.Round(r.Distance.Value, 1))).ToList();
        return new PagedResult<VenueListItem>(items, page, size, total);
    }
}
