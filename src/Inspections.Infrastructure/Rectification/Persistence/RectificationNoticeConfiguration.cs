using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Rectification.Persistence;

internal sealed class RectificationNoticeConfiguration : IEntityTypeConfiguration<RectificationNotice>
{
    public void Configure(EntityTypeBuilder<RectificationNotice> b)
    {
        b.ToTable("rectification_notices");
        b.ConfigureEntity();
        b.Property(e => e.IssuingAuthority).HasMaxLength(100);
        b.Property(e => e.AuthorityKey).HasMaxLength(32);
        b.Property(e => e.NumberPrefix).HasMaxLength(40);
        b.Property(e => e.Number).HasMaxLength(60);
        b.Property(e => e.PartyName).HasMaxLength(100);
        b.Property(e => e.PartyCreditCode).HasMaxLength(32);
        b.Property(e => e.PartyAddress).HasMaxLength(200);
        b.Property(e => e.PartyLegalRepresentative).HasMaxLength(50);
        b.Property(e => e.FactsFound).HasMaxLength(4000);
        b.Property(e => e.SpecificLegalBasis).HasMaxLength(500);
        b.Property(e => e.Consequences).HasMaxLength(1000);
        b.Property(e => e.ReviewAuthority).HasMaxLength(100);
        b.Property(e => e.Court).HasMaxLength(100);
        b.Property(e => e.ContactPerson).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(32);
        b.Property(e => e.ReceivedBy).HasMaxLength(50);
        b.Property(e => e.Witness).HasMaxLength(50);
        b.Property(e => e.ServedBy).HasMaxLength(50);
        b.Property(e => e.VerificationToken).HasMaxLength(32);
        b.Property(e => e.OfficerIds).HasColumnType("uuid[]");
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => new { e.AuthorityKey, e.Year, e.Serial }).IsUnique();
        b.HasIndex(e => e.VerificationToken).IsUnique();
        b.HasIndex(e => new { e.VisitId, e.DepartmentKind }).IsUnique();
        b.HasIndex(e => new { e.Status, e.Deadline });
        b.HasIndex(e => e.VenueId);
        b.HasIndex(e => e.JurisdictionId);
        // Covering (dashboard): a scope's notices issued in a month or a year, by an index-only scan.
        b.HasIndex(e => new { e.JurisdictionId, e.IssuedAt })
            .IncludeProperties(e => new { e.Status, e.ServedAt, e.EscalatedAt, e.Deadline, e.OfficerIds });
        // Partial, ordered (dashboard): the overdue list's first 200 by deadline come from an index-only scan.
        b.HasIndex(e => new { e.Deadline, e.Number }).IncludeProperties(e => new { e.Id, e.JurisdictionId, e.Status })
            .HasFilter("status IN ('Issued', 'Served', 'Overdue')").HasDatabaseName("ix_rectification_notices_open_deadline");
        b.HasOne<Domain.Capture.Visit>().WithMany().HasForeignKey(e => e.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RectificationNoticeItemConfiguration : IEntityTypeConfiguration<RectificationNoticeItem>
{
    public void Configure(EntityTypeBuilder<RectificationNoticeItem> b)
    {
        b.ToTable("rectification_notice_items");
        b.ConfigureEntity();
        b.Property(e => e.ItemCode).HasMaxLength(32);
        b.Property(e => e.ItemText).HasMaxLength(500);
        b.Property(e => e.Observation).HasMaxLength(1000);
        b.Property(e => e.LegalBasis).HasMaxLength(300);
        b.Property(e => e.PenaltyBasis).HasMaxLength(300);
        b.Property(e => e.PenaltyRange).HasMaxLength(300);
        b.Property(e => e.Requirement).HasMaxLength(500);
        b.HasIndex(e => new { e.NoticeId, e.ItemCode }).IsUnique();
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.ToTable("escalations");
        b.ConfigureEntity();
        b.Property(e => e.PenaltyBasis).HasMaxLength(600);
        b.Property(e => e.PenaltyRange).HasMaxLength(600);
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.HasIndex(e => e.NoticeId).IsUnique();
        b.HasIndex(e => e.JurisdictionId);
        b.HasOne<RectificationNotice>().WithMany().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReinspectionTaskConfiguration : IEntityTypeConfiguration<ReinspectionTask>
{
    public void Configure(EntityTypeBuilder<ReinspectionTask> b)
    {
        b.ToTable("reinspection_tasks");
        b.ConfigureEntity();
        b.HasIndex(e => e.NoticeId).IsUnique();
        b.HasIndex(e => new { e.Status, e.DueDate });
        b.HasIndex(e => e.OfficerIds).HasMethod("gin");
        b.HasOne<RectificationNotice>().WithMany().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.ConfigureEntity();
        b.Property(e => e.Message).HasMaxLength(500);
        b.HasIndex(e => new { e.NoticeId, e.OfficerId, e.Kind }).IsUnique();
        b.HasIndex(e => new { e.OfficerId, e.ReadAt });
        b.HasOne<RectificationNotice>().WithMany().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Row of notice_number_counters: the next serial per (authority, year), taken under a row lock at issue.</summary>
public sealed class NoticeNumberCounter
{
    public string IssuingAuthority { get; set; } = string.Empty;

    public int Year { get; set; }

    public int NextSerial { get; set; }
}

internal sealed class NoticeNumberCounterConfiguration : IEntityTypeConfiguration<NoticeNumberCounter>
{
    public void Configure(EntityTypeBuilder<NoticeNumberCounter> b)
    {
        b.ToTable("notice_number_counters");
        b.HasKey(e => new { e.IssuingAuthority, e.Year });
        b.Property(e => e.IssuingAuthority).HasMaxLength(32);
    }
}

/// <summary>A batch-printing request: progress is written while the Hangfire job renders; the merged PDF is kept for download.</summary>
public sealed class PrintBatch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string RequestedBy { get; set; } = string.Empty;

    /// <summary>Selection as JSON (what the user chose), for the page and the audit.</summary>
    public string Selection { get; set; } = "{}";

    /// <summary>The requester's jurisdictions at request time; null = unrestricted. The job runs as the system and filters by these.</summary>
    public Guid[]? ScopeJurisdictionIds { get; set; }

    public string Status { get; set; } = PrintBatchStatus.Queued;

    public int DocumentsDone { get; set; }

    public int DocumentsTotal { get; set; }

    public int Pages { get; set; }

    public string? Error { get; set; }

    public byte[]? Pdf { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? FinishedAt { get; set; }
}

public static class PrintBatchStatus
{
    public const string Queued = nameof(Queued);
    public const string Running = nameof(Running);
    public const string Done = nameof(Done);
    public const string Failed = nameof(Failed);
}

internal sealed class PrintBatchConfiguration : IEntityTypeConfiguration<PrintBatch>
{
    public void Configure(EntityTypeBuilder<PrintBatch> b)
    {
        b.ToTable("print_batches");
        b.HasKey(e => e.Id);
        b.Property(e => e.RequestedBy).HasMaxLength(256);
        b.Property(e => e.Selection).HasColumnType("jsonb");
        b.Property(e => e.Status).HasMaxLength(16);
        b.Property(e => e.Error).HasMaxLength(1000);
        b.HasIndex(e => new { e.RequestedBy, e.CreatedAt });
    }
}
