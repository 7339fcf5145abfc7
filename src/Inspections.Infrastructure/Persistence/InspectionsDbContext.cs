using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Registry.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Persistence;

public class InspectionsDbContext : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>
{
    /// <summary>Key of the query filters that limit rows to the user's jurisdictions (see <see cref="IUserScope"/>).</summary>
    public const string JurisdictionFilter = "Jurisdiction";

    private readonly IUserScope _scope;

    /// <summary>An unrestricted context (design time, seeding tools, tests).</summary>
    public InspectionsDbContext(DbContextOptions<InspectionsDbContext> options)
        : this(options, UnrestrictedScope.Instance)
    {
    }

    public InspectionsDbContext(DbContextOptions<InspectionsDbContext> options, IUserScope scope)
        : base(options)
    {
        _scope = scope;
    }

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<School> Schools => Set<School>();

    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<VenueImport> VenueImports => Set<VenueImport>();

    public DbSet<VenueImportRow> VenueImportRows => Set<VenueImportRow>();

    /// <summary>The scope this context filters by.</summary>
    public IUserScope Scope => _scope;

    // Read by the query filters at execution time: EF turns these into parameters of every query of this context.
    private bool ScopeUnrestricted => _scope.IsUnrestricted;

    private Guid[] ScopeJurisdictions => _scope.JurisdictionIds as Guid[] ?? [.. _scope.JurisdictionIds];

    private Guid[] ScopeReadable => _scope.ReadableJurisdictionIds as Guid[] ?? [.. _scope.ReadableJurisdictionIds];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity first: our configurations and table names below refine what it sets up.
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InspectionsDbContext).Assembly);

        modelBuilder.Entity<AppUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole<Guid>>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        ApplyJurisdictionFilters(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>
    /// Row-level scoping. Records are filed under a community (venues, schools) or a street (departments, officers);
    /// a record without a jurisdiction is visible only to unrestricted users. Raw SQL does not see these filters:
    /// it is used only for derived facts (SpatialFacts) and bulk writes by jobs, never to answer a user's read.
    /// </summary>
    private void ApplyJurisdictionFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Venue>().HasQueryFilter(JurisdictionFilter, v =>
            ScopeUnrestricted || (v.JurisdictionId != null && ScopeJurisdictions.Contains(v.JurisdictionId.Value)));
        modelBuilder.Entity<School>().HasQueryFilter(JurisdictionFilter, s =>
            ScopeUnrestricted || (s.JurisdictionId != null && ScopeJurisdictions.Contains(s.JurisdictionId.Value)));
        modelBuilder.Entity<Officer>().HasQueryFilter(JurisdictionFilter, o =>
            ScopeUnrestricted || ScopeReadable.Contains(o.JurisdictionId));
        modelBuilder.Entity<Department>().HasQueryFilter(JurisdictionFilter, d =>
            ScopeUnrestricted || ScopeReadable.Contains(d.JurisdictionId));
        modelBuilder.Entity<Jurisdiction>().HasQueryFilter(JurisdictionFilter, j =>
            ScopeUnrestricted || ScopeReadable.Contains(j.Id));
        modelBuilder.Entity<VenueImport>().HasQueryFilter(JurisdictionFilter, i =>
            ScopeUnrestricted || (i.ScopeJurisdictionId != null && ScopeJurisdictions.Contains(i.ScopeJurisdictionId.Value)));
        modelBuilder.Entity<VenueImportRow>().HasQueryFilter(JurisdictionFilter, r =>
            ScopeUnrestricted || Set<VenueImport>().Any(i => i.Id == r.ImportId));
        modelBuilder.Entity<Domain.Rectification.RectificationNotice>().HasQueryFilter(JurisdictionFilter, n =>
            ScopeUnrestricted || ScopeJurisdictions.Contains(n.JurisdictionId));
        modelBuilder.Entity<Domain.Rectification.RectificationNoticeItem>().HasQueryFilter(JurisdictionFilter, i =>
            ScopeUnrestricted || Set<Domain.Rectification.RectificationNotice>().Any(n => n.Id == i.NoticeId));
        modelBuilder.Entity<Domain.Rectification.Escalation>().HasQueryFilter(JurisdictionFilter, e =>
            ScopeUnrestricted || ScopeJurisdictions.Contains(e.JurisdictionId));
        modelBuilder.Entity<Domain.Rectification.ReinspectionTask>().HasQueryFilter(JurisdictionFilter, t =>
            ScopeUnrestricted || ScopeJurisdictions.Contains(t.JurisdictionId));
        modelBuilder.Entity<Domain.Rectification.Notification>().HasQueryFilter(JurisdictionFilter, n =>
            ScopeUnrestricted || ScopeJurisdictions.Contains(n.JurisdictionId));
        modelBuilder.Entity<Domain.Capture.Visit>().HasQueryFilter(JurisdictionFilter, v =>
            ScopeUnrestricted || ScopeJurisdictions.Contains(v.JurisdictionId));
        modelBuilder.Entity<Domain.Capture.VisitItem>().HasQueryFilter(JurisdictionFilter, i =>
            ScopeUnrestricted || Set<Domain.Capture.Visit>().Any(v => v.Id == i.VisitId));
        modelBuilder.Entity<Domain.Capture.VisitPhoto>().HasQueryFilter(JurisdictionFilter, p =>
            ScopeUnrestricted || Set<Domain.Capture.Visit>().Any(v => v.Id == p.VisitId));
        modelBuilder.Entity<Domain.Capture.VisitSignature>().HasQueryFilter(JurisdictionFilter, s =>
            ScopeUnrestricted || Set<Domain.Capture.Visit>().Any(v => v.Id == s.VisitId));
        modelBuilder.Entity<Domain.Capture.VisitConflict>().HasQueryFilter(JurisdictionFilter, c =>
            ScopeUnrestricted || Set<Domain.Capture.Visit>().Any(v => v.Id == c.VisitId));
        modelBuilder.Entity<Domain.Progress.ProgressReport>().HasQueryFilter(JurisdictionFilter, r =>
            ScopeUnrestricted || ScopeReadable.Contains(r.StreetJurisdictionId));
        modelBuilder.Entity<Progress.ProgressReminder>().HasQueryFilter(JurisdictionFilter, r =>
            ScopeUnrestricted || ScopeReadable.Contains(r.StreetJurisdictionId));
    }
}
