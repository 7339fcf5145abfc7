using Inspections.Domain.Capture;
using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Capture.Persistence;

internal sealed class ChecklistPackConfiguration : IEntityTypeConfiguration<ChecklistPack>
{
    public void Configure(EntityTypeBuilder<ChecklistPack> b)
    {
        b.ToTable("checklist_packs");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.TitleZh).HasMaxLength(200);
        b.Property(e => e.TitleEn).HasMaxLength(200);
        b.Property(e => e.PublishedBy).HasMaxLength(100);
        b.HasIndex(e => new { e.VenueType, e.Version }).IsUnique();
        // At most one current version per venue type.
        b.HasIndex(e => e.VenueType).IsUnique().HasFilter("is_current").HasDatabaseName("ix_checklist_packs_current");
        b.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.PackId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(e => e.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("checklist_items");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.TextZh).HasMaxLength(500);
        b.Property(e => e.TextEn).HasMaxLength(500);
        b.Property(e => e.LegalBasis).HasMaxLength(300);
        b.Property(e => e.PenaltyBasis).HasMaxLength(300);
        b.Property(e => e.PenaltyRangeZh).HasMaxLength(300);
        b.Property(e => e.RequirementZh).HasMaxLength(500);
        b.HasIndex(e => new { e.PackId, e.Code }).IsUnique();
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("visits");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.CheckinLocation).HasColumnType("geography(Point,4326)");
        b.Property(e => e.DistanceAckReason).HasMaxLength(500);
        b.Property(e => e.PersonPresentName).HasMaxLength(50);
        b.Property(e => e.PersonPresentRole).HasMaxLength(50);
        b.Property(e => e.PersonPresentIdNumber).HasMaxLength(18);
        b.Property(e => e.PersonPresentIdMasked).HasMaxLength(18);
        b.Property(e => e.PersonPresentPhone).HasMaxLength(32);
        b.Property(e => e.FindingsText).HasMaxLength(4000);
        b.Property(e => e.PartyComments).HasMaxLength(2000);
        b.Property(e => e.WitnessName).HasMaxLength(50);
        b.Property(e => e.ContentSha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.SubmittedBy).HasMaxLength(100);
        b.Property(e => e.Content).HasColumnType("jsonb");
        b.Property(e => e.DepartmentKinds).HasColumnType("text[]");
        b.Property(e => e.OfficerIds).HasColumnType("uuid[]");
        b.HasIndex(e => new { e.VenueId, e.SubmittedAt });
        // Covering (dashboard): the month's and year's visits of a scope are read by an index-only scan.
        b.HasIndex(e => new { e.JurisdictionId, e.SubmittedAt })
            .IncludeProperties(e => new { e.Id, e.VenueId, e.Status, e.Kind, e.OfficerIds, e.DepartmentKinds });
        b.HasIndex(e => e.PlannedVisitId);
        b.HasIndex(e => e.OfficerIds).HasMethod("gin");
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistPack>().WithMany().HasForeignKey(e => e.PackId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Photos).WithOne().HasForeignKey(i => i.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Signatures).WithOne().HasForeignKey(i => i.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(e => e.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(e => e.Photos).HasField("_photos").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(e => e.Signatures).HasField("_signatures").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class VisitItemConfiguration : IEntityTypeConfiguration<VisitItem>
{
    public void Configure(EntityTypeBuilder<VisitItem> b)
    {
        b.ToTable("visit_items");
        b.HasKey(e => new { e.VisitId, e.ItemId });
        b.Property(e => e.ItemCode).HasMaxLength(32);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasIndex(e => e.ItemId);
        // Partial (dashboard): failed items of given visits without touching the ~92 % that passed.
        b.HasIndex(e => e.VisitId).HasFilter("outcome = 'Fail'").IncludeProperties(e => new { e.ItemId, e.ItemCode })
            .HasDatabaseName("ix_visit_items_visit_id_failed");
        b.HasOne<ChecklistItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitPhotoConfiguration : IEntityTypeConfiguration<VisitPhoto>
{
    public void Configure(EntityTypeBuilder<VisitPhoto> b)
    {
        b.ToTable("visit_photos");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ItemCode).HasMaxLength(32);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.StoredPath).HasMaxLength(300);
        b.Property(e => e.ContentType).HasMaxLength(32);
        b.HasIndex(e => e.VisitId);
        b.HasIndex(e => e.Sha256);
    }
}

internal sealed class VisitSignatureConfiguration : IEntityTypeConfiguration<VisitSignature>
{
    public void Configure(EntityTypeBuilder<VisitSignature> b)
    {
        b.ToTable("visit_signatures");
        b.HasKey(e => new { e.VisitId, e.Signer });
        b.Property(e => e.SignerName).HasMaxLength(50);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.StoredPath).HasMaxLength(300);
        b.HasIndex(e => e.Sha256);
    }
}

internal sealed class CaptureBlobConfiguration : IEntityTypeConfiguration<CaptureBlob>
{
    public void Configure(EntityTypeBuilder<CaptureBlob> b)
    {
        b.ToTable("capture_blobs");
        b.HasKey(e => e.Sha256);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.StoredPath).HasMaxLength(300);
        b.Property(e => e.ContentType).HasMaxLength(32);
        b.Property(e => e.UploadedBy).HasMaxLength(100);
    }
}
