using Inspections.Web.Components;
using Inspections.Web.Infrastructure;
using Inspections.Web.Registry;

var builder = WebApplication.CreateBuilder(args);

builder.AddInfrastructure();
builder.AddWebServices();

var app = builder.Build();

app.UseWebPipeline();

app.MapHealthEndpoints();
app.MapCultureEndpoints();
app.MapJurisdictionEndpoints();
app.MapDepartmentEndpoints();
app.MapOfficerEndpoints();
app.MapSchoolEndpoints();
app.MapVenueEndpoints();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
