using Inspections.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.HasIndex(u => u.JurisdictionId);
        b.HasOne<Jurisdiction>().WithMany().HasForeignKey(u => u.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(u => u.OfficerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
