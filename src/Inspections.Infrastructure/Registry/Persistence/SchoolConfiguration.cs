using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Persistence;

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.ToTable("schools");
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Address).HasMaxLength(200);
        b.Property(e => e.Location).HasColumnType("geography(Point,4326)");
        b.HasIndex(e => e.Location).HasMethod("gist");
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.SetNull);
    }
}
