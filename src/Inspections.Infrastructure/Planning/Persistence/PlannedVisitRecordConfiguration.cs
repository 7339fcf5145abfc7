using System.Text.Json;
using Inspections.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Planning.Persistence;

internal sealed class PlannedVisitRecordConfiguration : IEntityTypeConfiguration<PlannedVisitRecord>
{
    public void Configure(EntityTypeBuilder<PlannedVisitRecord> b)
    {
        // No foreign key to venues: a plan is a record of what was drawn and outlives a deleted venue.
        b.ToTable("planned_visits");
        b.HasKey(e => new { e.OperationId, e.TeamNumber, e.Sequence });
        b.Property(e => e.ArrivalAt).HasColumnType("timestamp without time zone");
        b.Property(e => e.Reasons)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, PlanningJson.Options),
                s => JsonSerializer.Deserialize<List<VisitReason>>(s, PlanningJson.Options) ?? new List<VisitReason>(),
                new ValueComparer<List<VisitReason>>(
                    (a, c) => JsonSerializer.Serialize(a, PlanningJson.Options) == JsonSerializer.Serialize(c, PlanningJson.Options),
                    v => JsonSerializer.Serialize(v, PlanningJson.Options).GetHashCode(StringComparison.Ordinal),
                    v => v.ToList()));
        b.HasIndex(e => e.PlanId);
        b.HasIndex(e => e.VenueId);
        b.HasOne<MonthlyPlanRecord>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlannedOperationRecord>().WithMany().HasForeignKey(e => e.OperationId).OnDelete(DeleteBehavior.Cascade);
    }
}
