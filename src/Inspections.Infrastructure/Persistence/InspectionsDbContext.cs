using Inspections.Domain.Registry;
using Inspections.Infrastructure.Registry.Import;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Persistence;

public class InspectionsDbContext(DbContextOptions<InspectionsDbContext> options) : DbContext(options)
{
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<School> Schools => Set<School>();

    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<VenueImport> VenueImports => Set<VenueImport>();

    public DbSet<VenueImportRow> VenueImportRows => Set<VenueImportRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InspectionsDbContext).Assembly);
        base.OnModelCreating(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
