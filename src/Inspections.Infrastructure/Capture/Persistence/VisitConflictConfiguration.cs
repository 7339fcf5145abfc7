using Inspections.Domain.Capture;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Capture.Persistence;

/// <summary>
/// <c>visit_conflicts</c>: written by the sync with raw SQL (ADR 12), resolved through EF (audited, xmin). No jurisdiction
/// column: the query filter joins through the stored visit's jurisdiction, so scoping follows the visit.
/// </summary>
internal sealed class VisitConflictConfiguration : IEntityTypeConfiguration<VisitConflict>
{
    public void Configure(EntityTypeBuilder<VisitConflict> b)
    {
        b.ToTable("visit_conflicts");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.StoredSha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.RejectedSha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.StoredContent).HasColumnType("jsonb");
        b.Property(e => e.RejectedContent).HasColumnType("jsonb");
        b.Property(e => e.SubmittedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsRowVersion();
        b.Property(e => e.ResolvedBy).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(VisitConflict.NoteMaxLength);
        b.Ignore(e => e.IsResolved);
        // One row per distinct rejected content: a retried conflicting submission is not stored twice.
        b.HasIndex(e => new { e.VisitId, e.RejectedSha256 }).IsUnique();
        // The review list and the menu's count read the open ones, newest first.
        b.HasIndex(e => e.ReceivedAt).HasFilter("resolved_at IS NULL").HasDatabaseName("ix_visit_conflicts_open");
        b.HasOne<Visit>().WithMany().HasForeignKey(e => e.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}
