using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Planning.Persistence;

internal sealed class OfficerConflictRecordConfiguration : IEntityTypeConfiguration<OfficerConflictRecord>
{
    public void Configure(EntityTypeBuilder<OfficerConflictRecord> b)
    {
        b.ToTable("officer_conflicts");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Reason).HasMaxLength(200);
        b.HasIndex(e => new { e.OfficerId, e.VenueId }).IsUnique();
        b.HasIndex(e => e.VenueId);
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Cascade);
    }
}
