using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Inspections.IntegrationTests.Planning;

public sealed class PlanEndpointTests(PlanningWebFactory app) : IClassFixture<PlanningWebFactory>
{
    [Fact]
    public async Task DraftReadReplayAndApproveThroughTheApi()
    {
        var client = await app.AdminClientAsync();

        var accepted = await client.PostAsJsonAsync("/api/plans/draft", new { year = 2027, month = 8 });
        var plans = await WaitForPlansAsync(client, "/api/plans?year=2027&month=8");
        var id = plans[0]!["id"]!.GetValue<Guid>();
        var read = await client.GetAsync($"/api/plans/{id}");
        var details = await read.Content.ReadFromJsonAsync<JsonObject>();
        var replay = await client.GetFromJsonAsync<JsonObject>($"/api/plans/{id}/replay");
        var withoutIfMatch = await client.PostAsJsonAsync($"/api/plans/{id}/approve", new { });
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{id}/approve") { Content = JsonContent.Create(new { reason = "例行审核" }) };
        approve.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var approved = await client.SendAsync(approve);
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{id}/approve") { Content = JsonContent.Create(new { }) };
        again.Headers.TryAddWithoutValidation("If-Match", approved.Headers.ETag!.Tag);
        var secondApproval = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Single(plans);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var visit = details!["operations"]![0]!["teams"]![0]!["visits"]![0]!;
        Assert.False(string.IsNullOrEmpty(visit["venueName"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(visit["reasons"]![0]!["chinese"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(visit["reasons"]![0]!["english"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(details["operations"]![0]!["teams"]![0]!["officers"]![0]!["name"]?.GetValue<string>()));
        Assert.True(replay!["matches"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Approved", (await approved.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, secondApproval.StatusCode);
        Assert.Equal("application/problem+json", secondApproval.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPlanIsNotFound()
    {
        var client = await app.AdminClientAsync();

        var response = await client.GetAsync($"/api/plans/{Guid.CreateVersion7()}/replay");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonArray> WaitForPlansAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var plans = (await client.GetFromJsonAsync<JsonArray>(url))!;
            if (plans.Count > 0 || DateTime.UtcNow > deadline)
            {
                return plans;
            }
            await Task.Delay(250);
        }
    }
}
