using Inspections.Domain.Progress;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Progress.Persistence;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("progress_reports");
        b.ConfigureEntity();
        foreach (var p in new[]
                 {
                     nameof(ProgressReport.PublicityProgress), nameof(ProgressReport.PublicityData), nameof(ProgressReport.PublicityNext),
                     nameof(ProgressReport.InvestigationProgress), nameof(ProgressReport.InvestigationData), nameof(ProgressReport.InvestigationNext),
                     nameof(ProgressReport.EnforcementProgress), nameof(ProgressReport.EnforcementData), nameof(ProgressReport.EnforcementNext),
                     nameof(ProgressReport.RectificationProgress), nameof(ProgressReport.RectificationData), nameof(ProgressReport.RectificationNext),
                 })
        {
            b.Property<string>(p).HasMaxLength(ProgressReport.MaxTextLength);
        }
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.SubmittedBy).HasMaxLength(100);
        b.Ignore(e => e.DueDate);
        b.HasIndex(e => new { e.StreetJurisdictionId, e.Year, e.Month }).IsUnique();
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.StreetJurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgressReminderConfiguration : IEntityTypeConfiguration<ProgressReminder>
{
    public void Configure(EntityTypeBuilder<ProgressReminder> b)
    {
        b.ToTable("progress_report_reminders");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Recipients).HasMaxLength(1000);
        b.HasIndex(e => new { e.StreetJurisdictionId, e.Year, e.Month, e.RemindedOn }).IsUnique();
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.StreetJurisdictionId).OnDelete(DeleteBehavior.Cascade);
    }
}
