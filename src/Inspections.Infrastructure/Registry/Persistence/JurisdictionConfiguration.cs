using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Persistence;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> b)
    {
        b.ToTable("jurisdictions");
        b.ConfigureEntity();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Boundary).HasColumnType("geometry(MultiPolygon,4326)");
        b.HasIndex(e => e.Code).IsUnique();
        b.HasIndex(e => e.Boundary).HasMethod("gist");
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
