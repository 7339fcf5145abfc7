using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Planning.Persistence;

internal sealed class OfficerCalendarFeedRecordConfiguration : IEntityTypeConfiguration<OfficerCalendarFeedRecord>
{
    public void Configure(EntityTypeBuilder<OfficerCalendarFeedRecord> b)
    {
        b.ToTable("officer_calendar_feeds");
        b.HasKey(e => e.OfficerId);
        b.Property(e => e.OfficerId).ValueGeneratedNever();
        b.Property(e => e.TokenHash).HasMaxLength(32);
        b.HasIndex(e => e.TokenHash).IsUnique();
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OperationReminderRecordConfiguration : IEntityTypeConfiguration<OperationReminderRecord>
{
    public void Configure(EntityTypeBuilder<OperationReminderRecord> b)
    {
        b.ToTable("operation_reminders");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasDefaultValueSql("gen_random_uuid()");
        b.HasIndex(e => new { e.OperationId, e.OfficerId }).IsUnique();
        b.HasIndex(e => new { e.OfficerId, e.OperationDate });
        b.HasOne<MonthlyPlanRecord>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlannedOperationRecord>().WithMany().HasForeignKey(e => e.OperationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}
