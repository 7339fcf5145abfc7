using Inspections.Web.Accounts;
using Inspections.Web.Audit;
using Inspections.Web.Components;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Inspections.Web.Planning;
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
app.MapAccountEndpoints();
app.MapJurisdictionEndpoints();
app.MapDepartmentEndpoints();
app.MapOfficerEndpoints();
app.MapSchoolEndpoints();
app.MapVenueEndpoints();
app.MapVenueImportEndpoints();
app.MapPlanEndpoints();
app.MapGroup(string.Empty).RequireAuthorization(AppPolicies.AuditRead).MapAuditEndpoints();
app.MapHangfireDashboardForAdministrators();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(AppPolicies.SignedIn);

await app.PrepareDatabaseAsync();
app.Services.MapRecurringJobs();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
