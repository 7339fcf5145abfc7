using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inspections.Domain.Identifiers;
using Inspections.Infrastructure.Registry;
using Inspections.Infrastructure.Registry.Import;

namespace Inspections.IntegrationTests.Registry.Import;

/// <summary>Calls of the import API as a client makes them, and the waiting for the background jobs.</summary>
internal static class ImportApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, Guid? defaultJurisdictionId = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (defaultJurisdictionId is { } id)
        {
            form.Add(new StringContent(id.ToString()), "defaultJurisdictionId");
        }
        return await client.PostAsync("/api/venue-imports", form);
    }

    /// <summary>Uploads and waits until the analysis has finished (Analysed or Failed).</summary>
    public static async Task<ImportSummary> AnalyseAsync(HttpClient client, string fileName, byte[] content, Guid? defaultJurisdictionId = null)
    {
        var response = await UploadAsync(client, fileName, content, defaultJurisdictionId);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<ImportSummary>(Json))!;
        Assert.Equal($"/api/venue-imports/{started.Id}", response.Headers.Location?.OriginalString);
        return await WaitAsync(client, started.Id, ImportStatus.Analysed, ImportStatus.Failed);
    }

    public static async Task<ImportSummary> WaitAsync(HttpClient client, Guid id, params ImportStatus[] until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var summary = (await client.GetFromJsonAsync<ImportSummary>($"/api/venue-imports/{id}", Json))!;
            if (until.Contains(summary.Status))
            {
                return summary;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import {id} is still {summary.Status} after 60 s.");
            }
            await Task.Delay(100);
        }
    }

    public static Task<HttpResponseMessage> CommitAsync(HttpClient client, Guid id, string mode, string? reason = null) =>
        client.PostAsJsonAsync($"/api/venue-imports/{id}/commit", new { mode, overrideReason = reason });

    public static async Task<List<ImportRowReport>> RowsAsync(HttpClient client, Guid id, string? status = null)
    {
        var query = status is null ? "?pageSize=500" : $"?status={status}&pageSize=500";
        var page = await client.GetFromJsonAsync<PagedResult<ImportRowReport>>($"/api/venue-imports/{id}/rows{query}", Json);
        return [.. page!.Items];
    }

    public static string NewCreditCode() =>
        CreditCode.Compose('9', '1', "440309", Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture));

    /// <summary>The same code with a wrong check character.</summary>
    public static string BadCreditCode()
    {
        var valid = NewCreditCode();
        return valid[..17] + (valid[17] == '0' ? '1' : '0');
    }

    public static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A point of its own for each test, so that tests sharing a database never see each other's venues as near duplicates.</summary>
    public static (double Lon, double Lat) NewOrigin() => (113.9 + (Random.Shared.NextDouble() * 0.3), 22.55 + (Random.Shared.NextDouble() * 0.2));

    public static string F(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Data(string name, [CallerFilePath] string caller = "") =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(caller)!, "Data", name));
}
