using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.Seq).ValueGeneratedOnAdd().HasDefaultValue(0L);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(20);
        b.Property(e => e.Before).HasColumnType("jsonb");
        b.Property(e => e.After).HasColumnType("jsonb");
        b.Property(e => e.PrevHash).HasMaxLength(64).ValueGeneratedOnAdd();
        b.Property(e => e.Hash).HasMaxLength(64).ValueGeneratedOnAdd().HasDefaultValue(string.Empty);
        b.HasIndex(e => e.Seq).IsUnique();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.At);
    }
}
