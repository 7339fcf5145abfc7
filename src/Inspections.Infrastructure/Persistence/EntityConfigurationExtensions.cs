using Inspections.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inspections.Infrastructure.Persistence;

internal static class EntityConfigurationExtensions
{
    /// <summary>Key, xmin concurrency token and timestamps shared by every entity.</summary>
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> b)
        where T : Entity
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Version).IsRowVersion();
        b.Property(e => e.CreatedAt);
        b.Property(e => e.UpdatedAt);
    }
}
