using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Inspections.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build the model without starting a host. The connection is only used by `database update`.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InspectionsDbContext>
{
    public InspectionsDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Inspections")
                 ?? "Host=127.0.0.1;Port=55432;Database=inspections;Username=postgres";
        var options = new DbContextOptionsBuilder<InspectionsDbContext>()
            .UseNpgsql(cs, o => o.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .Options;
        return new InspectionsDbContext(options);
    }
}
