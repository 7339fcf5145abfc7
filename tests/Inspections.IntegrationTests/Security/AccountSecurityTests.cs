using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inspections.Infrastructure.Identity;
using Inspections.Seed;
using Inspections.TestSupport;
using Inspections.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Inspections.IntegrationTests.Security;

/// <summary>Sign-in, lockout, the cookie, sign-out, redirects versus 401 ProblemDetails, and the demo accounts.</summary>
public sealed class AccountSecurityTests(DemoWebFactory app) : IClassFixture<DemoWebFactory>
{
    [Fact]
    public async Task AnApiCallWithoutASessionGets401ProblemDetailsNotALoginPage()
    {
        var client = app.CreateAnonymousClient();
        var expired = app.CreateAnonymousClient();
        expired.DefaultRequestHeaders.Add("Cookie", SecurityDependencyInjection.CookieName + "=CfDJ8-tampered-or-expired");

        var response = await client.GetAsync("/api/venues");
        var withBadCookie = await expired.GetAsync("/api/account/me");

        foreach (var r in new[] { response, withBadCookie })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Equal(SecurityDependencyInjection.LoginPath, (await r.Content.ReadFromJsonAsync<JsonObject>())!["loginUrl"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TheLoginPageCannotBeFramedOrSniffed()
    {
        var response = await app.CreateAnonymousClient().GetAsync(SecurityDependencyInjection.LoginPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task APageWithoutASessionRedirectsToTheLoginPageAndBack()
    {
        var client = app.CreateAnonymousClient();

        var response = await client.GetAsync("/venues?q=abc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Fvenues%3Fq%3Dabc", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SigningInSetsAHardenedSessionCookieAndReturnsToThePage()
    {
        await TestAccounts.CreateUserAsync(app.Services, "cookie-user", AppRoles.Clerk);
        var client = app.CreateAnonymousClient();

        var response = await TestAccounts.PostLoginAsync(client, "cookie-user", TestAccounts.Password, "/schools");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/schools", LocalTarget(response));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecurityDependencyInjection.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/account/me");
        Assert.Equal("cookie-user", me!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeepMeSignedInMakesAPersistentCookieOfOneShift()
    {
        await TestAccounts.CreateUserAsync(app.Services, "tablet-user", AppRoles.Officer);
        var client = app.CreateAnonymousClient();
        var fields = TestAccounts.HiddenInputs(await client.GetStringAsync("/account/login"));
        fields["Input.UserName"] = "tablet-user";
        fields["Input.Password"] = TestAccounts.Password;
        fields["Input.RememberMe"] = "true";

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecurityDependencyInjection.CookieName + "=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
    }

    [Theory]
    [InlineData("nobody-here", "Whatever-123")]
    [InlineData(DemoAccounts.Clerk, "Wrong-Passw0rd")]
    public async Task AWrongNameOrPasswordGetsOneMessageAndNoCookie(string userName, string password)
    {
        var client = app.CreateAnonymousClient();

        var response = await TestAccounts.PostLoginAsync(client, userName, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(SecurityDependencyInjection.CookieName + "=", StringComparison.Ordinal)));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"login-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutes()
    {
        await TestAccounts.CreateUserAsync(app.Services, "lockout-user", AppRoles.Officer);
        var client = app.CreateAnonymousClient();

        for (var i = 0; i < 5; i++)
        {
            await TestAccounts.PostLoginAsync(client, "lockout-user", "Wrong-Passw0rd-" + i);
        }
        var correct = await TestAccounts.PostLoginAsync(client, "lockout-user", TestAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "lockout-user");
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task ALoginPostWithoutTheAntiforgeryTokenIsRefused()
    {
        var client = app.CreateAnonymousClient();
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = DemoAccounts.Clerk, ["Input.Password"] = DemoAccounts.Password,
        };

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task TheReturnUrlCannotLeaveTheSite(string returnUrl)
    {
        var user = await TestAccounts.CreateUserAsync(app.Services, "redirect-" + Guid.NewGuid().ToString("N")[..6], AppRoles.Clerk);
        var client = app.CreateAnonymousClient();

        var response = await TestAccounts.PostLoginAsync(client, user.UserName!, TestAccounts.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", LocalTarget(response));
    }

    [Fact]
    public async Task SigningOutNeedsTheAntiforgeryTokenAndEndsTheSession()
    {
        await TestAccounts.CreateUserAsync(app.Services, "signout-user", AppRoles.Auditor);
        var client = app.CreateAnonymousClient();
        await TestAccounts.SignInAsync(client, "signout-user");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var stillIn = await client.GetAsync("/api/account/me");
        var fields = TestAccounts.HiddenInputs(await client.GetStringAsync(SecurityDependencyInjection.AccessDeniedPath));
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(fields));
        var after = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task DemoLoginsAreListedOnlyToThisMachine()
    {
        var local = app.CreateAnonymousClient();
        local.DefaultRequestHeaders.Add(DemoWebFactory.RemoteAddressHeader, "127.0.0.1");
        var remote = app.CreateAnonymousClient();
        remote.DefaultRequestHeaders.Add(DemoWebFactory.RemoteAddressHeader, "203.0.113.7");

        var logins = (await local.GetFromJsonAsync<JsonArray>("/api/demo/logins"))!;
        var fromAfar = await remote.GetAsync("/api/demo/logins");

        Assert.Equal(
            [DemoAccounts.Administrator, DemoAccounts.StreetLead, DemoAccounts.CommunityLead, DemoAccounts.PoliceOfficer, DemoAccounts.MarketOfficer, DemoAccounts.Clerk, DemoAccounts.Auditor],
            logins.Select(l => l!["userName"]!.GetValue<string>()));
        Assert.All(logins, l => Assert.Equal(DemoAccounts.Password, l!["password"]!.GetValue<string>()));
        Assert.Contains(logins, l => l!["roleName"]!.GetValue<string>() is "执法组长" or "Enforcement lead");
        Assert.Equal(HttpStatusCode.NotFound, fromAfar.StatusCode);
    }

    [Theory]
    [InlineData(DemoAccounts.Administrator, AppRoles.Administrator, false)]
    [InlineData(DemoAccounts.StreetLead, AppRoles.EnforcementLead, true)]
    [InlineData(DemoAccounts.CommunityLead, AppRoles.EnforcementLead, true)]
    [InlineData(DemoAccounts.PoliceOfficer, AppRoles.Officer, true)]
    [InlineData(DemoAccounts.MarketOfficer, AppRoles.Officer, true)]
    [InlineData(DemoAccounts.Clerk, AppRoles.Clerk, true)]
    [InlineData(DemoAccounts.Auditor, AppRoles.Auditor, false)]
    public async Task EveryDemoAccountSignsInWithItsRoleAndJurisdiction(string userName, string role, bool scoped)
    {
        var client = await app.ClientForAsync(userName, DemoAccounts.Password);

        var me = await client.GetFromJsonAsync<JsonObject>("/api/account/me");

        Assert.Equal([role], me!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(!scoped, me["unrestricted"]!.GetValue<bool>());
        Assert.Equal(scoped, me["jurisdictionId"] is not null);
        if (role == AppRoles.Officer)
        {
            Assert.NotNull(me["officerId"]);
        }
    }

    /// <summary>The redirect target, which must stay on this site.</summary>
    private static string LocalTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
