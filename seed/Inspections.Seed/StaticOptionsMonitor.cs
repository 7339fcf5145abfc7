using Microsoft.Extensions.Options;

namespace Inspections.Seed;

/// <summary>Fixed options for callers without a host, e.g. tests and tools.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
