using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Planning.Persistence;

internal sealed class MonthlyPlanRecordConfiguration : IEntityTypeConfiguration<MonthlyPlanRecord>
{
    public void Configure(EntityTypeBuilder<MonthlyPlanRecord> b)
    {
        b.ToTable("monthly_plans");
        b.ConfigureEntity();
        b.Property(e => e.InputFingerprint).HasMaxLength(64);
        b.Property(e => e.Algorithm).HasMaxLength(200);
        // Megabytes per street, compressed in .NET (ADR 19): the input as gzip of its canonical encoding (ADR 22), the
        // documents as gzip JSON.
        b.Property(e => e.Input).HasColumnType("bytea");
        b.Property(e => e.DrawLog).HasColumnType("bytea").HasConversion(CompressedText.Converter);
        b.Property(e => e.Unplanned).HasColumnType("bytea").HasConversion(CompressedText.Converter);
        b.Property(e => e.Edits).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        b.Property(e => e.CreatedBy).HasMaxLength(100);
        b.Property(e => e.ApprovedBy).HasMaxLength(100);
        b.Property(e => e.ApprovalReason).HasMaxLength(500);
        b.Ignore(e => e.PlanningMonth);
        b.Ignore(e => e.UnsignedSeed);

        b.HasIndex(e => new { e.StreetJurisdictionId, e.Year, e.Month })
            .IsUnique()
            .HasFilter("status <> 'Superseded'")
            .HasDatabaseName("ux_monthly_plans_active_street_month");
        b.HasIndex(e => new { e.Year, e.Month });
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.StreetJurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
