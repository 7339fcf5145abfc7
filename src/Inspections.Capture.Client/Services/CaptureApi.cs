using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inspections.Capture.Contracts;

namespace Inspections.Capture.Client.Services;

/// <summary>Outcome of one call: the value, or why not (no network, signed out, server error).</summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode? Status, string? Error)
{
    public bool Ok => Value is not null;
    public bool Offline => Status is null;
    public bool Unauthorized => Status == HttpStatusCode.Unauthorized;
}

/// <summary>The /api/capture endpoints (contract: Inspections.Capture.Contracts).</summary>
public sealed class CaptureApi(HttpClient http)
{
    public Task<ApiResult<CaptureBootstrap>> BootstrapAsync(CancellationToken ct = default) =>
        GetAsync<CaptureBootstrap>("api/capture/bootstrap", ct);

    public Task<ApiResult<List<Assignment>>> TodayAsync(DateOnly date, CancellationToken ct = default) =>
        GetAsync<List<Assignment>>($"api/capture/today?date={date:yyyy-MM-dd}", ct);

    public Task<ApiResult<List<VenueCard>>> VenuesAsync(string search, CancellationToken ct = default) =>
        GetAsync<List<VenueCard>>($"api/capture/venues?search={Uri.EscapeDataString(search)}", ct);

    public async Task<VisitPutResult> PutVisitAsync(Guid id, VisitSubmission submission, CancellationToken ct = default)
    {
        try
        {
            using var response = await http.PutAsJsonAsync($"api/capture/visits/{id}", submission, LocalStore.Json, ct);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (status is 200 or 201)
            {
                return new VisitPutResult(status, JsonSerializer.Deserialize<VisitReceipt>(body, LocalStore.Json), [], null);
            }
            return new VisitPutResult(status, null, MissingPhotos(body), Detail(body) ?? response.ReasonPhrase);
        }
        catch (HttpRequestException e)
        {
            return new VisitPutResult(0, null, [], e.Message);
        }
    }

    private async Task<ApiResult<T>> GetAsync<T>(string url, CancellationToken ct) where T : class
    {
        try
        {
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(null, response.StatusCode, Detail(await response.Content.ReadAsStringAsync(ct)) ?? response.ReasonPhrase);
            }
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(LocalStore.Json, ct), response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return new ApiResult<T>(null, null, e.Message);
        }
    }

    private static string? Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var parts = new List<string>();
            if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
            {
                parts.Add(t.GetString()!);
            }
            if (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                parts.Add(d.GetString()!);
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? string.Join("; ", field.Value.EnumerateArray().Select(m => m.ToString()))
                        : field.Value.ToString();
                    parts.Add($"{field.Name}: {messages}");
                }
            }
            return parts.Count == 0 ? null : string.Join(" — ", parts);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> MissingPhotos(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("missingPhotos", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.GetString() ?? string.Empty).Where(s => s.Length > 0).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>Status 0 = no network.</summary>
public sealed record VisitPutResult(int Status, VisitReceipt? Receipt, List<string> MissingPhotos, string? Error);
