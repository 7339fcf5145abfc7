using Inspections.Web.Components;
using Inspections.Web.Infrastructure;
using Inspections.Web.Registry;

var builder = WebApplication.CreateBuilder(args);

builder.AddInfrastructure();
builder.AddWebServices();
// Serves MudBlazor's _content/ assets when run from build output outside Development (run.sh); a no-op once published.
builder.WebHost.UseStaticWebAssets();

var app = builder.Build();

app.UseWebPipeline();

app.MapHealthEndpoints();
app.MapCultureEndpoints();
app.MapJurisdictionEndpoints();
app.MapDepartmentEndpoints();
app.MapOfficerEndpoints();
app.MapSchoolEndpoints();
app.MapVenueEndpoints();
app.MapVenueImportEndpoints();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
