using System.Net;
using System.Text.RegularExpressions;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inspections.TestSupport;

/// <summary>Accounts in the test database and the real cookie sign-in through the login page (antiforgery included).</summary>
public static partial class TestAccounts
{
    /// <summary>Meets the password policy.</summary>
    public const string Password = "Test-Passw0rd-2026";

    public static async Task<AppUser> CreateUserAsync(
        IServiceProvider services, string userName, string role, Guid? jurisdictionId = null, Guid? officerId = null, Guid? departmentId = null,
        string password = Password)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
        await IdentitySeeding.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = userName,
            JurisdictionId = jurisdictionId,
            OfficerId = officerId,
            DepartmentId = departmentId,
        };
        IdentitySeeding.Check(await users.CreateAsync(user, password), userName);
        IdentitySeeding.Check(await users.AddToRoleAsync(user, role), userName + "'s role");
        return user;
    }

    /// <summary>Signs the client in as a user would: GET the login page, POST the form with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var path = "/account/login" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = await client.GetStringAsync(path);
        var fields = HiddenInputs(page);
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static async Task SignInAsync(HttpClient client, string userName, string password = Password)
    {
        var response = await PostLoginAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} answered {(int)response.StatusCode}.");
    }

    /// <summary>The hidden inputs of a page's forms: the antiforgery token and Blazor's _handler.</summary>
    public static Dictionary<string, string> HiddenInputs(string html) =>
        HiddenInput().Matches(html)
            .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
            .Where(f => f.Name is not null)
            .GroupBy(f => f.Name!)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Value ?? string.Empty));

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
