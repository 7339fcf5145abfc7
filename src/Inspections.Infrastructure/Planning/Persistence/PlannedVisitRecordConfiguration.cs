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
        // A plan's visits, and the index of the foreign key below.
        b.HasIndex(e => new { e.PlanId, e.OperationId });
        b.HasIndex(e => e.VenueId);
        // One foreign key, to the operation and its plan together: a visit cannot name another plan than its operation's,
        // a deleted plan still takes its visits (through the operations), and the monthly job's COPY checks one key per
        // row instead of two (the second check cost PostgreSQL as much as the rest of the insert).
        b.HasOne<PlannedOperationRecord>().WithMany()
            .HasForeignKey(e => new { e.PlanId, e.OperationId })
            .HasPrincipalKey(o => new { o.PlanId, o.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
