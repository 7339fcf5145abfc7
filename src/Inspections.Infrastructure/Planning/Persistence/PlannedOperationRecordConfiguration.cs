using System.Text.Json;
using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Planning.Persistence;

internal sealed class PlannedOperationRecordConfiguration : IEntityTypeConfiguration<PlannedOperationRecord>
{
    public void Configure(EntityTypeBuilder<PlannedOperationRecord> b)
    {
        b.ToTable("planned_operations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Teams)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, PlanningJson.Options),
                s => JsonSerializer.Deserialize<List<PlannedTeamRecord>>(s, PlanningJson.Options) ?? new List<PlannedTeamRecord>(),
                new ValueComparer<List<PlannedTeamRecord>>(
                    (a, c) => JsonSerializer.Serialize(a, PlanningJson.Options) == JsonSerializer.Serialize(c, PlanningJson.Options),
                    v => JsonSerializer.Serialize(v, PlanningJson.Options).GetHashCode(StringComparison.Ordinal),
                    v => v.ToList()));
        b.HasIndex(e => new { e.PlanId, e.Number }).IsUnique();
        b.HasIndex(e => new { e.JurisdictionId, e.Date });
        b.HasOne<MonthlyPlanRecord>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
