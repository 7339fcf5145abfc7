using System.Globalization;

namespace Inspections.Benchmarks;

/// <summary>One subcommand. Returns the process exit code: 0 when the targets are met, 1 when not.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    string Usage { get; }

    int Run(BenchmarkArgs args);
}

/// <summary>--name value options.</summary>
public sealed class BenchmarkArgs
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static BenchmarkArgs Parse(IEnumerable<string> args)
    {
        var result = new BenchmarkArgs();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var key = e.Current;
            if (!key.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{key}'");
            }

            result.values[key[2..]] = e.MoveNext() ? e.Current : throw new ArgumentException($"{key} needs a value");
        }

        return result;
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v)
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 ? i : throw new ArgumentException($"--{name} must be a non-negative integer")
            : fallback;

    public string? String(string name) => values.GetValueOrDefault(name);
}
