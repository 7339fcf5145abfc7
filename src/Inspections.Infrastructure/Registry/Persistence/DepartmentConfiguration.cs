using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Registry.Persistence;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.ConfigureEntity();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.ShortName).HasMaxLength(20);
        b.HasIndex(e => e.Code).IsUnique();
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => e.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
