using System.Text.Json;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Persistence;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.ToTable("venues");
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.CreditCode).HasMaxLength(32);
        b.Property(e => e.LicenceNumbers).HasMaxLength(200);
        b.Property(e => e.Address).HasMaxLength(200);
        b.Property(e => e.Location).HasColumnType("geography(Point,4326)");
        b.Property(e => e.OpeningHours)
            .HasConversion(
                h => h == null ? null : h.ToString(),
                s => ParseHours(s))
            .HasMaxLength(11);
        b.Property(e => e.LegalRepresentative).HasMaxLength(50);
        b.Property(e => e.LegalRepresentativeIdNumber).HasMaxLength(18);
        b.Property(e => e.ContactPhone).HasMaxLength(32);
        b.Property(e => e.DistanceRuleBreached).HasMaxLength(64);
        b.Property<List<ValidationOverride>>("_overrides")
            .HasColumnName("overrides")
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                s => JsonSerializer.Deserialize<List<ValidationOverride>>(s, Json) ?? new List<ValidationOverride>(),
                new ValueComparer<List<ValidationOverride>>(
                    (a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                    v => v.ToList()));
        b.Ignore(e => e.Overrides);

        b.HasIndex(e => e.Location).HasMethod("gist");
        b.HasIndex(e => e.CreditCode);
        // Covering (dashboard): counts per type and joins by id read the index alone.
        b.HasIndex(e => new { e.JurisdictionId, e.Type, e.Status }).IncludeProperties(e => e.Id);
        b.HasIndex(e => e.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasIndex(e => e.Address).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<School>().WithMany().HasForeignKey(e => e.NearestSchoolId).OnDelete(DeleteBehavior.SetNull);
    }

    private static OpeningHours? ParseHours(string? s) => OpeningHours.TryParse(s, out var h) ? h : null;
}
