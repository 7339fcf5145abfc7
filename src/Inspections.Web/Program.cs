using Inspections.Web.Accounts;
using Inspections.Web.Audit;
using Inspections.Web.Capture;
using Inspections.Web.Components;
using Inspections.Web.Dashboard;
using Inspections.Web.Infrastructure;
using Inspections.Web.Infrastructure.Security;
using Inspections.Web.Map;
using Inspections.Web.Planning;
using Inspections.Web.Rectification;
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
app.MapRectificationEndpoints();
app.MapPlanEditEndpoints();
app.MapAssignmentEndpoints();
app.MapDashboardEndpoints();
app.MapProgressEndpoints();
app.MapMapEndpoints();
app.MapCaptureEndpoints();
app.MapVisitConflictEndpoints();
app.MapGroup(string.Empty).RequireAuthorization(AppPolicies.AuditRead).MapAuditEndpoints();
app.MapHangfireDashboardForAdministrators();

app.MapStaticAssets().AllowAnonymous();
// The capture PWA's deep links (/capture/visit/…) load its index.html; the server checks the sign-in, offline the
// service worker answers from its cache (ADR 13).
app.MapFallbackToFile("capture/{*path:nonfile}", "capture/index.html").RequireAuthorization(AppPolicies.SignedIn);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(AppPolicies.SignedIn);

await app.PrepareDatabaseAsync();
app.Services.MapRecurringJobs();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
