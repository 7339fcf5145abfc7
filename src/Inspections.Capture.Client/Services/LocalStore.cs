using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.JSInterop;

namespace Inspections.Capture.Client.Services;

/// <summary>The device storage (IndexedDB through wwwroot/js/capture.js) and the other browser APIs the app uses.</summary>
public sealed class LocalStore(IJSRuntime js) : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IJSObjectReference? _module;

    public async ValueTask<IJSObjectReference> ModuleAsync()
    {
        if (_module is not null)
        {
            return _module;
        }
        await _gate.WaitAsync();
        try
        {
            return _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/capture.js");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<T?> GetAsync<T>(string key) where T : class
    {
        var m = await ModuleAsync();
        var text = await m.InvokeAsync<string?>("get", "kv", key);
        return text is null ? null : JsonSerializer.Deserialize<T>(text, Json);
    }

    public async Task SetAsync<T>(string key, T value)
    {
        var m = await ModuleAsync();
        await m.InvokeVoidAsync("put", "kv", key, JsonSerializer.Serialize(value, Json));
    }

    public async Task SaveVisitAsync(VisitDraft visit)
    {
        var m = await ModuleAsync();
        await m.InvokeVoidAsync("put", "visits", visit.Id.ToString(), JsonSerializer.Serialize(visit, Json));
    }

    public async Task<VisitDraft?> GetVisitAsync(Guid id)
    {
        var m = await ModuleAsync();
        var text = await m.InvokeAsync<string?>("get", "visits", id.ToString());
        return text is null ? null : JsonSerializer.Deserialize<VisitDraft>(text, Json);
    }

    public async Task<List<VisitDraft>> AllVisitsAsync()
    {
        var m = await ModuleAsync();
        var texts = await m.InvokeAsync<string[]>("all", "visits");
        return texts.Select(t => JsonSerializer.Deserialize<VisitDraft>(t, Json)!).OrderByDescending(v => v.StartedAt).ToList();
    }

    public async Task<string> LanguageAsync() => await (await ModuleAsync()).InvokeAsync<string>("language");

    public async Task SetLanguageAsync(string language) => await (await ModuleAsync()).InvokeVoidAsync("setLanguage", language);

    public async Task<GeoResult> PositionAsync() => await (await ModuleAsync()).InvokeAsync<GeoResult>("position");

    public async Task<PhotoTaken[]> TakePhotosAsync(Microsoft.AspNetCore.Components.ElementReference input, int maxSide) =>
        await (await ModuleAsync()).InvokeAsync<PhotoTaken[]>("takePhotos", TimeSpan.FromMinutes(2), input, maxSide);

    public async Task<string> BlobUrlAsync(string sha) => await (await ModuleAsync()).InvokeAsync<string>("blobUrl", sha);

    /// <summary>HTTP status of PUT /api/capture/photos/{sha}; 0 = no network, -1 = the blob is not on this device.</summary>
    public async Task<int> UploadBlobAsync(string sha) =>
        await (await ModuleAsync()).InvokeAsync<int>("uploadBlob", TimeSpan.FromMinutes(5), sha);

    public async Task<bool> IsOnlineAsync() => await (await ModuleAsync()).InvokeAsync<bool>("isOnline");

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await _module.DisposeAsync();
        }
    }
}
