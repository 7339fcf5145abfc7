using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Import.Persistence;

internal sealed class VenueImportConfiguration : IEntityTypeConfiguration<VenueImport>
{
    public void Configure(EntityTypeBuilder<VenueImport> b)
    {
        b.ToTable("venue_imports");
        b.ConfigureEntity();
        b.Property(e => e.FileName).HasMaxLength(VenueImport.FileNameMaxLength);
        b.Property(e => e.Content).HasColumnType("bytea");
        b.Property(e => e.Error).HasMaxLength(VenueImport.ErrorMaxLength);
        b.Property(e => e.CreatedBy).HasMaxLength(VenueImport.UserMaxLength);
        b.Property(e => e.CommittedBy).HasMaxLength(VenueImport.UserMaxLength);
        b.Property(e => e.OverrideReason).HasMaxLength(VenueImport.OverrideReasonMaxLength);
        b.HasIndex(e => e.CreatedAt);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.DefaultJurisdictionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => e.ScopeJurisdictionId);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.ScopeJurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<VenueImportRow>().WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
