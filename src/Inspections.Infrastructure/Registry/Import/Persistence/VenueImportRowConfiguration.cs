using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Import.Persistence;

internal sealed class VenueImportRowConfiguration : IEntityTypeConfiguration<VenueImportRow>
{
    public void Configure(EntityTypeBuilder<VenueImportRow> b)
    {
        b.ToTable("venue_import_rows");
        b.HasKey(e => new { e.ImportId, e.RowNumber });
        b.Property(e => e.Name).HasMaxLength(VenueImportRow.NameMaxLength);
        b.Property(e => e.Values).HasColumnName("payload").HasJsonConversion<ImportedVenue?>(() => null);
        b.Property(e => e.Errors).HasJsonConversion(() => new List<ImportFieldError>());
        b.Property(e => e.Warnings).HasJsonConversion(() => new List<ValidationWarning>());
        b.HasIndex(e => new { e.ImportId, e.Status, e.RowNumber });
        b.HasIndex(e => e.VenueId);
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.SetNull);
    }
}
