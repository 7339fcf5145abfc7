using System.Net;
using System.Net.Http.Json;
using Inspections.Infrastructure.Identity;
using Inspections.TestSupport;
using Inspections.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using static Inspections.Infrastructure.Identity.AppRoles;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// Every endpoint in the app's route table, checked against every role and an anonymous caller. A new endpoint fails
/// here until it names a policy (or is added to the public list on purpose) and its row is added to the matrix.
/// </summary>
public sealed class EndpointAuthorizationTests(TwoStreetsWebFactory app) : IClassFixture<TwoStreetsWebFactory>
{
    /// <summary>Deliberately public: health probe, language switch, the account pages, the demo logins (loopback only).</summary>
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET /health", "GET /culture/set", "GET /account/login", "POST /account/login", "POST /account/logout",
        "GET /account/access-denied", "POST /account/access-denied", "GET /api/demo/logins",
        "GET /verify/{Token}", "POST /verify/{Token}",
        "GET /api/planning/ical/{token}.ics",
    };

    /// <summary>
    /// Framework endpoints we cannot attach metadata to: ASP.NET Core's static-asset fallback for files outside the
    /// build manifest (dev-time static web assets). The FallbackPolicy (signed-in user) applies to it.
    /// </summary>
    private static readonly HashSet<string> CoveredByFallbackPolicy = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET /{**path:file}", "HEAD /{**path:file}",
    };

    private static readonly string[] Everyone = [Administrator, EnforcementLead, Officer, Clerk, Auditor];
    private static readonly string[] Leads = [Administrator, EnforcementLead];
    private static readonly string[] FieldWriters = [Administrator, EnforcementLead, Officer];
    private static readonly string[] AdminOnly = [Administrator];
    private static readonly string[] NoticeWriters = [Administrator, EnforcementLead, Officer, Clerk];
    private static readonly string[] Printers = [Administrator, EnforcementLead, Clerk];
    private static readonly string[] ConflictReaders = [Administrator, EnforcementLead, Auditor];

    /// <summary>The expected matrix for /api: which roles get past authorization. Everyone else gets 403, anonymous 401.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /api/account/me"] = Everyone,

        ["GET /api/jurisdictions"] = Everyone,
        ["GET /api/jurisdictions/boundaries.geojson"] = Everyone,
        ["GET /api/jurisdictions/{id:guid}"] = Everyone,
        ["POST /api/jurisdictions"] = AdminOnly,
        ["PUT /api/jurisdictions/{id:guid}"] = AdminOnly,
        ["DELETE /api/jurisdictions/{id:guid}"] = AdminOnly,

        ["GET /api/departments"] = Everyone,
        ["GET /api/departments/{id:guid}"] = Everyone,
        ["POST /api/departments"] = AdminOnly,
        ["PUT /api/departments/{id:guid}"] = AdminOnly,
        ["DELETE /api/departments/{id:guid}"] = AdminOnly,

        ["GET /api/officers"] = Everyone,
        ["GET /api/officers/{id:guid}"] = Everyone,
        ["GET /api/officers/{id:guid}/resident-id"] = Leads,
        ["POST /api/officers"] = Leads,
        ["PUT /api/officers/{id:guid}"] = Leads,
        ["DELETE /api/officers/{id:guid}"] = Leads,

        ["GET /api/schools"] = Everyone,
        ["GET /api/schools/{id:guid}"] = Everyone,
        ["POST /api/schools"] = Leads,
        ["PUT /api/schools/{id:guid}"] = Leads,
        ["DELETE /api/schools/{id:guid}"] = Leads,

        ["GET /api/venues"] = Everyone,
        ["GET /api/venues/{id:guid}"] = Everyone,
        ["GET /api/venues/{id:guid}/legal-representative-id"] = Leads,
        ["POST /api/venues/check"] = FieldWriters,
        ["POST /api/venues"] = FieldWriters,
        ["PUT /api/venues/{id:guid}"] = FieldWriters,
        ["DELETE /api/venues/{id:guid}"] = Leads,

        ["GET /api/map/config"] = Everyone,
        ["GET /api/map/tiles/{z:int}/{x:int}/{y:int}.mvt"] = Everyone,
        ["GET /api/map/click"] = Everyone,
        ["GET /api/map/venues/{id:guid}"] = Everyone,
        ["GET /api/map/search"] = Everyone,
        ["GET /api/map/schools"] = Everyone,
        ["GET /api/map/today"] = Everyone,
        ["GET /api/map/export.geojson"] = Everyone,
        ["GET /api/map/export.csv"] = Everyone,

        ["POST /api/venue-imports"] = Leads,
        ["GET /api/venue-imports/template.csv"] = Leads,
        ["GET /api/venue-imports/{id:guid}"] = Leads,
        ["GET /api/venue-imports/{id:guid}/rows"] = Leads,
        ["POST /api/venue-imports/{id:guid}/commit"] = Leads,

        ["GET /api/audit"] = [Administrator, Auditor],
        ["GET /api/audit/verify"] = [Administrator, Auditor],

        ["POST /api/plans/draft"] = Leads,
        ["GET /api/plans"] = Everyone,
        ["GET /api/plans/{id:guid}"] = Everyone,
        ["POST /api/plans/{id:guid}/approve"] = Leads,
        ["GET /api/plans/{id:guid}/replay"] = Everyone,

        ["GET /api/notices"] = Everyone,
        ["GET /api/notices/{id:guid}"] = Everyone,
        ["PUT /api/notices/{id:guid}"] = NoticeWriters,
        ["POST /api/notices/{id:guid}/issue"] = NoticeWriters,
        ["POST /api/notices/{id:guid}/service"] = NoticeWriters,
        ["POST /api/notices/{id:guid}/reinspection"] = NoticeWriters,
        ["GET /api/notices/{id:guid}/pdf"] = Printers,
        ["GET /api/notices/{id:guid}/item-codes"] = Everyone,
        ["GET /api/notices/{id:guid}/photos"] = Everyone,
        ["GET /api/visits/{id:guid}/record.pdf"] = Printers,
        ["GET /api/reinspection-tasks"] = Everyone,
        ["GET /api/escalations"] = Everyone,
        ["GET /api/notifications/mine"] = Everyone,
        ["POST /api/notifications/{id:guid}/read"] = Everyone,
        ["POST /api/print-batches"] = Printers,
        ["GET /api/print-batches/teams"] = Printers,
        ["GET /api/print-batches/{id:guid}"] = Printers,
        ["GET /api/print-batches/{id:guid}/pdf"] = Printers,
        ["GET /api/ledgers/{kind}"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["POST /api/plans/{id:guid}/edits"] = Leads,
        ["GET /api/plans/{id:guid}/edits"] = Everyone,
        ["GET /api/plans/{id:guid}/validation"] = Everyone,
        ["GET /api/plans/{id:guid}/pdf"] = [Administrator, EnforcementLead, Clerk],
        ["GET /api/plans/{id:guid}/operations/{operationId:guid}/route-sheet"] = [Administrator, EnforcementLead, Clerk],
        ["GET /api/planning/calendar-feed"] = FieldWriters,
        ["POST /api/planning/calendar-feed/rotate"] = FieldWriters,
        ["GET /api/planning/conflicts"] = FieldWriters,
        ["POST /api/planning/conflicts"] = FieldWriters,
        ["GET /api/planning/reminders"] = FieldWriters,

        ["GET /api/dashboard"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["GET /api/dashboard/drill"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["GET /api/dashboard/export"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["GET /api/dashboard/pdf"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["GET /api/progress-reports/{streetId:guid}"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["PUT /api/progress-reports/{streetId:guid}"] = [Administrator, EnforcementLead, Clerk],
        ["POST /api/progress-reports/{streetId:guid}/submit"] = [Administrator, EnforcementLead, Clerk],
        ["GET /api/progress-reports/{streetId:guid}/pdf"] = [Administrator, EnforcementLead, Clerk, Auditor],
        ["GET /api/capture/bootstrap"] = FieldWriters,
        ["GET /api/capture/today"] = FieldWriters,
        ["GET /api/capture/venues"] = FieldWriters,
        ["PUT /api/capture/photos/{sha256}"] = FieldWriters,
        ["GET /api/capture/photos/{sha256}"] = Everyone,
        ["PUT /api/capture/visits/{id:guid}"] = FieldWriters,
        ["GET /api/capture/visits/{id:guid}"] = Everyone,
        ["GET /api/capture/visits"] = Everyone,
        ["GET /api/capture/packs"] = AdminOnly,
        ["GET /api/capture/packs/{id:guid}"] = AdminOnly,
        ["PUT /api/capture/packs/{venueType}"] = AdminOnly,
        ["GET /api/capture/conflicts"] = ConflictReaders,
        ["GET /api/capture/conflicts/{id:guid}"] = ConflictReaders,
        ["POST /api/capture/conflicts/{id:guid}/resolve"] = Leads,
    };

    private static readonly Dictionary<string, string> Accounts = new()
    {
        [Administrator] = TwoStreetsWebFactory.Admin,
        [EnforcementLead] = TwoStreetsWebFactory.LeadA,
        [Officer] = TwoStreetsWebFactory.OfficerA,
        [Clerk] = TwoStreetsWebFactory.ClerkA,
        [Auditor] = TwoStreetsWebFactory.Auditor,
    };

    private IReadOnlyList<(string Key, RouteEndpoint Endpoint)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Key: $"{m} /{e.RoutePattern.RawText?.Trim('/')}", Endpoint: e)))
            .ToList();

    [Fact]
    public void EveryEndpointNamesAPolicyOrIsDeliberatelyPublic()
    {
        var failures = new List<string>();
        foreach (var (key, endpoint) in Endpoints())
        {
            var metadata = endpoint.Metadata;
            var isStaticAsset = metadata.GetMetadata<StaticAssetDescriptor>() is not null;
            if (metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!isStaticAsset && !Public.Contains(key))
                {
                    failures.Add($"{key}: anonymous but not in the public list");
                }
                continue;
            }
            var named = metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
                        || metadata.GetOrderedMetadata<AuthorizationPolicy>().Any(p => p.Requirements.Count > 0);
            if (!named && !CoveredByFallbackPolicy.Contains(key))
            {
                failures.Add($"{key}: no authorization policy");
            }
        }

        Assert.True(failures.Count == 0, "Endpoints without a deliberate authorization decision:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void EveryApiEndpointIsInTheRoleMatrix()
    {
        var api = Endpoints().Where(e => e.Key.Contains(" /api/", StringComparison.Ordinal) && !Public.Contains(e.Key)).Select(e => e.Key).ToHashSet();

        Assert.Empty(api.Except(Matrix.Keys, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(Matrix.Keys.Except(api, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheMatrixAgreesWithThePolicyTable()
    {
        var disagreements = new List<string>();
        foreach (var (key, endpoint) in Endpoints().Where(e => Matrix.ContainsKey(e.Key)))
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            var allowed = AppRoles.All.Where(r => policies.All(p => AppPolicies.Roles[p].Contains(r))).Order().ToArray();
            if (!allowed.SequenceEqual(Matrix[key].Order()))
            {
                disagreements.Add($"{key}: policies [{string.Join(", ", policies)}] allow [{string.Join(", ", allowed)}]");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public async Task EveryApiEndpointAnswersEachRoleAsTheMatrixSays()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, user) in Accounts)
        {
            clients[role] = await app.ClientForAsync(user);
        }
        var anonymous = app.CreateAnonymousClient();
        var failures = new List<string>();

        foreach (var (key, endpoint) in Endpoints().Where(e => Matrix.ContainsKey(e.Key)))
        {
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var url = Url(endpoint);

            var unauthenticated = await anonymous.SendAsync(Request(method, url, endpoint));
            if (unauthenticated.StatusCode != HttpStatusCode.Unauthorized || !IsProblem(unauthenticated))
            {
                failures.Add($"{key} anonymous: {(int)unauthenticated.StatusCode} {unauthenticated.Content.Headers.ContentType}");
            }
            foreach (var (role, client) in clients)
            {
                var response = await client.SendAsync(Request(method, url, endpoint));
                var status = (int)response.StatusCode;
                var allowed = Matrix[key].Contains(role);
                var ok = allowed
                    ? status < 500 && response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    : response.StatusCode == HttpStatusCode.Forbidden && IsProblem(response);
                if (!ok)
                {
                    failures.Add($"{key} as {role}: {status} (expected {(allowed ? "past authorization" : "403")})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/admin/users")]
    public async Task AdministrationIsForAdministratorsOnly(string path)
    {
        var admin = await app.ClientForAsync(TwoStreetsWebFactory.Admin);
        var lead = await app.ClientForAsync(TwoStreetsWebFactory.LeadA);
        var anonymous = app.CreateAnonymousClient();

        var asAdmin = await admin.GetAsync(path);
        var asLead = await lead.GetAsync(path);
        var asNobody = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asLead.StatusCode);
        Assert.StartsWith(SecurityDependencyInjection.AccessDeniedPath, PathOf(asLead), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asNobody.StatusCode);
        Assert.StartsWith(SecurityDependencyInjection.LoginPath, PathOf(asNobody), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TwoStreetsWebFactory.ClerkA, "/imports/venues")]
    [InlineData(TwoStreetsWebFactory.Auditor, "/imports/venues")]
    [InlineData(TwoStreetsWebFactory.OfficerA, "/imports/venues")]
    public async Task PagesFollowThePoliciesToo(string user, string path)
    {
        var client = await app.ClientForAsync(user);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SecurityDependencyInjection.AccessDeniedPath, PathOf(response), StringComparison.Ordinal);
    }

    private static string Url(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Guid.NewGuid().ToString(),
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>An empty body of the kind the endpoint accepts: it cannot pass validation, so nothing is ever written.</summary>
    private static HttpRequestMessage Request(string method, string url, RouteEndpoint endpoint)
    {
        HttpContent? content = null;
        if (method is "POST" or "PUT")
        {
            var form = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes
                .Any(t => t.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) == true;
            content = form ? new MultipartFormDataContent { { new StringContent("x"), "note" } } : JsonContent.Create(new { });
        }
        return new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
    }

    private static string? PathOf(HttpResponseMessage response) => response.Headers.Location is { } location
        ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString
        : null;

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";
}
