using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inspections.Domain.Identifiers;
using Inspections.IntegrationTests.Registry.Import;
using Inspections.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Security;

/// <summary>
/// Malformed, oversized and hostile input gets a 4xx ProblemDetails — never a 500 — and changes nothing; text that
/// looks like SQL or HTML is stored and searched literally and rendered encoded.
/// </summary>
public sealed class HostileInputTests(InspectionsWebFactory app) : IClassFixture<InspectionsWebFactory>
{
    public static TheoryData<string, string> BrokenBodies => new()
    {
        { "/api/venues", "{\"name\": " },
        { "/api/venues", "{{{{" },
        { "/api/venues", "null" },
        { "/api/venues", "\"just a string\"" },
        { "/api/venues", "{\"name\":\"x\",\"type\":\"Bar\",\"address\":\"a\",\"longitude\":1e400,\"latitude\":1}" },
        { "/api/venues", new string('[', 200) + new string(']', 200) },
        { "/api/officers", "{\"name\":[1,2,3]}" },
        { "/api/schools", "{\"name\":\"x\",\"kind\":\"Primary\",\"longitude\":\"east\"}" },
        { "/api/departments", "{\"code\":\"x\",\"name\":\"y\",\"shortName\":\"z\",\"kind\":\"Casino\"}" },
        { "/api/jurisdictions", "{\"code\":\"x\",\"name\":\"y\",\"level\":\"Street\",\"boundary\":{\"type\":\"Polygon\",\"coordinates\":\"nope\"}}" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task BrokenJsonGetsAProblemAndChangesNothing(string url, string json)
    {
        var client = await app.AdminClientAsync();
        var before = await CountsAsync();

        var response = await client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_database_outage_is_a_503_problem_with_retry_after_not_a_500()
    {
        // What Npgsql throws when the server refuses the connection (restart) — transient by its own classification.
        var outage = new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        using var scope = app.Services.CreateScope();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "PUT";
        http.Request.Path = "/api/capture/visits/0197c1b2-0000-7000-8000-000000000001";
        http.Request.Headers.Accept = "application/json";
        http.Response.Body = new MemoryStream();
        var handled = false;
        foreach (var handler in scope.ServiceProvider.GetServices<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>())
        {
            handled |= await handler.TryHandleAsync(http, outage, CancellationToken.None);
        }
        Assert.True(handled);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = JsonNode.Parse(http.Response.Body)!;
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Equal("The database is not available right now.", (string?)problem["title"]);

        // A failure that is not transient stays unhandled (500, logged): only real outages say "try again".
        using var scope2 = app.Services.CreateScope();
        var other = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope2.ServiceProvider };
        other.Response.Body = new MemoryStream();
        var otherHandled = false;
        foreach (var handler in scope2.ServiceProvider.GetServices<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>())
        {
            otherHandled |= await handler.TryHandleAsync(other, new InvalidOperationException("bug"), CancellationToken.None);
        }
        Assert.False(otherHandled);
    }

    [Fact]
    public async Task InvalidUtf8AndTheWrongMediaTypeAreRefused()
    {
        var client = await app.AdminClientAsync();
        var bytes = new ByteArrayContent([0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC3, 0x22, 0x7D]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var invalid = await client.PostAsync("/api/venues", bytes);
        var plain = await client.PostAsync("/api/venues", new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        await AssertProblemAsync(plain, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedBeforeItIsRead()
    {
        var client = await app.AdminClientAsync();
        var before = await CountsAsync();
        var huge = new JsonObject { ["name"] = new string('网', 600_000), ["type"] = "Bar", ["address"] = "a", ["longitude"] = 114.0, ["latitude"] = 22.6 };

        var response = await client.PostAsync("/api/venues", new StringContent(huge.ToJsonString(), Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("name", 5_000)]
    [InlineData("address", 100_000)]
    [InlineData("legalRepresentative", 10_000)]
    [InlineData("openingHours", 50_000)]
    public async Task HugeStringsGetFieldErrors(string field, int length)
    {
        var client = await app.AdminClientAsync();
        var body = Venue("长字段测试");
        body[field] = new string('x', length);

        var response = await client.PostAsJsonAsync("/api/venues", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("'; DROP TABLE venues; --")]
    [InlineData("' OR '1'='1")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("%' UNION SELECT password_hash FROM users --")]
    [InlineData("_%\\")]
    public async Task SqlInSearchTextIsSearchedLiterally(string text)
    {
        var client = await app.AdminClientAsync();
        await client.PostAsJsonAsync("/api/venues", Venue("普通场所"));
        var before = await CountsAsync();

        var venues = await client.GetAsync("/api/venues?q=" + Uri.EscapeDataString(text));
        var officers = await client.GetAsync("/api/officers?q=" + Uri.EscapeDataString(text));
        var schools = await client.GetAsync("/api/schools?q=" + Uri.EscapeDataString(text));

        foreach (var response in new[] { venues, officers, schools })
        {
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
            if (response.IsSuccessStatusCode)
            {
                Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonObject>())!["total"]!.GetValue<int>());
            }
            else
            {
                await AssertProblemAsync(response, HttpStatusCode.BadRequest);
            }
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE venues;--")]
    [InlineData("<script>alert('x')</script><img src=x onerror=alert(1)>")]
    [InlineData("{{7*7}} ${7*7} @(1+1)")]
    public async Task HostileNamesAreStoredLiterallyAndRenderedEncoded(string name)
    {
        var client = await app.AdminClientAsync();
        var before = await CountsAsync();
        var body = Venue(name, unique: false);

        var created = await client.PostAsJsonAsync("/api/venues", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var stored = await client.GetFromJsonAsync<JsonObject>($"/api/venues/{id}");
        Assert.Equal(name, stored!["name"]!.GetValue<string>());
        var found = await client.GetFromJsonAsync<JsonObject>("/api/venues?q=" + Uri.EscapeDataString(name));
        Assert.Contains(found!["items"]!.AsArray(), v => v!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(before with { Venues = before.Venues + 1 }, await CountsAsync());
        var page = await client.GetStringAsync($"/venues/{id}");
        Assert.DoesNotContain("<script>alert(", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">49<", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..\\..\\etc\\passwd.csv", "passwd.csv")]
    [InlineData("../../x.csv", "x.csv")]
    [InlineData("/etc/cron.d/venues.csv", "venues.csv")]
    [InlineData("C:\\Windows\\System32\\venues.csv", "venues.csv")]
    [InlineData("....//....//venues.csv", "venues.csv")]
    [InlineData("..csv", "csv")]
    public async Task PathsInUploadedFileNamesAreDropped(string fileName, string stored)
    {
        var client = await app.AdminClientAsync();
        var csv = Encoding.UTF8.GetBytes("名称,类型,地址,经度,纬度\r\n路径测试,网吧,深圳市测试路1号,114.06,22.63\r\n");

        var response = await ImportApi.UploadAsync(client, fileName, csv);

        if (stored == "csv")
        {
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
            return;
        }
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(stored, summary["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATraversalToAnUnsupportedFileIsRefused()
    {
        var client = await app.AdminClientAsync();

        var response = await ImportApi.UploadAsync(client, "../../../bin/sh", [1, 2, 3]);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/venues/not-a-guid")]
    [InlineData("/api/venues/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/venues/%2e%2e%2f%2e%2e%2f")]
    [InlineData("/api/officers/123")]
    [InlineData("/api/schools/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/venue-imports/%3Cscript%3E")]
    [InlineData("/api/../../etc/passwd")]
    public async Task MalformedIdsAreNotFound(string url)
    {
        var client = await app.AdminClientAsync();

        var response = await client.GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/venues?page=abc")]
    [InlineData("/api/venues?pageSize=99999999999")]
    [InlineData("/api/venues?type=Casino")]
    [InlineData("/api/venues?near=1e999,1")]
    [InlineData("/api/venues?within=NaN&near=114,22")]
    [InlineData("/api/officers?jurisdictionId=%27%3B--")]
    public async Task MalformedQueriesGetAProblem(string url)
    {
        var client = await app.AdminClientAsync();

        var response = await client.GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NulCharactersGetAProblemNotAServerError()
    {
        var client = await app.AdminClientAsync();
        var before = await CountsAsync();

        var search = await client.GetAsync("/api/venues?q=%00");
        var create = await client.PostAsJsonAsync("/api/venues", Venue("空字符\u0000场所"));

        await AssertProblemAsync(search, HttpStatusCode.BadRequest);
        await AssertProblemAsync(create, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync());
    }

    private static JsonObject Venue(string name, bool unique = true) => new()
    {
        ["name"] = unique ? name + "-" + Guid.NewGuid().ToString("N")[..6] : name,
        ["type"] = "Bar",
        ["creditCode"] = CreditCode.Compose('9', '1', "440309", Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["address"] = "深圳市龙华区测试路" + Random.Shared.Next(1, 999) + "号",
        ["longitude"] = 114.0 + Random.Shared.NextDouble() / 10,
        ["latitude"] = 22.6 + Random.Shared.NextDouble() / 10,
        ["overrides"] = new JsonArray(
            new JsonObject { ["code"] = "duplicate.name_nearby", ["reason"] = "测试数据" },
            new JsonObject { ["code"] = "location.outside_jurisdiction", ["reason"] = "测试数据" }),
    };

    private async Task<Counts> CountsAsync()
    {
        await using var db = app.Database.CreateContext();
        return new Counts(
            await db.Venues.CountAsync(), await db.Officers.CountAsync(), await db.Schools.CountAsync(),
            await db.Departments.CountAsync(), await db.Jurisdictions.CountAsync(), await db.Users.CountAsync());
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private sealed record Counts(int Venues, int Officers, int Schools, int Departments, int Jurisdictions, int Users);
}
