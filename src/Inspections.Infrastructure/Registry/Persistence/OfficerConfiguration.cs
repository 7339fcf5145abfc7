using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Persistence;

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> b)
    {
        b.ToTable("officers");
        b.ConfigureEntity();
        b.Property(e => e.Name).HasMaxLength(50);
        b.Property(e => e.EnforcementIdNumber).HasMaxLength(32);
        b.Property(e => e.Phone).HasMaxLength(32);
        b.Property(e => e.ResidentIdNumber).HasMaxLength(18);
        b.HasIndex(e => e.EnforcementIdNumber).IsUnique();
        b.HasIndex(e => e.JurisdictionId);
        b.HasOne<Department>().WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
