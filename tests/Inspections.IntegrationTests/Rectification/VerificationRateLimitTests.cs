using System.Net;
using Inspections.TestSupport;

namespace Inspections.IntegrationTests.Rectification;

public sealed class VerificationRateLimitFactory : InspectionsWebFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Verification:PermitsPerMinute"] = "3" };
}

/// <summary>The anonymous verification page cannot be probed in bulk; the rest of the app is not limited by it.</summary>
public sealed class VerificationRateLimitTests(VerificationRateLimitFactory app) : IClassFixture<VerificationRateLimitFactory>
{
    [Fact]
    public async Task TheFourthVerificationInAMinuteIsRefusedWith429AndOtherPagesStillAnswer()
    {
        var client = app.CreateAnonymousClient();
        var token = new string('x', 22);

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var r = await client.GetAsync($"/verify/{token}{i}");
            first.Add(r.StatusCode);
        }
        using var refused = await client.GetAsync($"/verify/{token}");
        using var health = await client.GetAsync("/health");

        Assert.All(first, s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("查询过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
    }
}
