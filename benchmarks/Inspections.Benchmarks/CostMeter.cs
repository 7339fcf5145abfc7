using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Inspections.Benchmarks;

/// <summary>
/// Load-independent cost of a measured phase: CPU time of this process (app + load generator, they share it), CPU
/// time of a private PostgreSQL cluster (postmaster, its live children and the exited children it reaped, from
/// /proc), database round trips (Npgsql's operation-duration histogram: one measurement per command or batch sent),
/// bytes allocated and GCs. Wall-clock figures depend on whatever else runs on the machine; these do not (much).
/// </summary>
public sealed class CostMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string? _postgresDataDir;
    private long _roundTrips;
    private long _bytesWritten;
    private long _bytesRead;

    public CostMeter(string? postgresDataDir)
    {
        _postgresDataDir = postgresDataDir;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.operation.npgsql.bytes_written" or "db.client.operation.npgsql.bytes_read")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "db.client.operation.duration")
            {
                Interlocked.Increment(ref _roundTrips);
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "db.client.operation.npgsql.bytes_written")
            {
                Interlocked.Add(ref _bytesWritten, value);
            }
            else if (instrument.Name == "db.client.operation.npgsql.bytes_read")
            {
                Interlocked.Add(ref _bytesRead, value);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "db.client.operation.npgsql.bytes_written")
            {
                Interlocked.Add(ref _bytesWritten, value);
            }
            else if (instrument.Name == "db.client.operation.npgsql.bytes_read")
            {
                Interlocked.Add(ref _bytesRead, value);
            }
        });
        _listener.Start();
    }

    public Snapshot Take() => new(
        Process.GetCurrentProcess().TotalProcessorTime,
        PostgresCpu(),
        Interlocked.Read(ref _roundTrips),
        Interlocked.Read(ref _bytesWritten),
        Interlocked.Read(ref _bytesRead),
        GC.GetTotalAllocatedBytes(),
        GC.CollectionCount(0),
        GC.CollectionCount(2),
        BenchServer.LoadAverage());

    /// <summary>One line of per-submission costs between two snapshots.</summary>
    public static string Describe(Snapshot a, Snapshot b, int submissions, double seconds)
    {
        // A restarted cluster has new processes whose counters start again: no figure rather than a negative one.
        var pg = a.PostgresCpu is { } p0 && b.PostgresCpu is { } p1 && p1 >= p0 ? p1 - p0 : (TimeSpan?)null;
        return FormattableString.Invariant(
                   $"  cost per submission: app process CPU {(b.AppCpu - a.AppCpu).TotalMilliseconds / submissions:F2} ms, ")
               + (pg is { } d ? FormattableString.Invariant($"PostgreSQL CPU {d.TotalMilliseconds / submissions:F2} ms")
                   : a.PostgresCpu is null ? "PostgreSQL CPU n/a (shared cluster)" : "PostgreSQL CPU n/a (the cluster restarted)")
               + FormattableString.Invariant(
                   $", {(double)(b.RoundTrips - a.RoundTrips) / submissions:F2} database round trips, {(double)(b.BytesWritten - a.BytesWritten) / submissions / 1024:F1} KiB sent / {(double)(b.BytesRead - a.BytesRead) / submissions / 1024:F1} KiB read, ")
               + FormattableString.Invariant(
                   $"{(double)(b.Allocated - a.Allocated) / submissions / 1024:F0} KiB allocated; GCs gen0 {b.Gen0 - a.Gen0}, gen2 {b.Gen2 - a.Gen2}")
               + FormattableString.Invariant(
                   $"\n  machine: {Environment.ProcessorCount} cores, load average {a.Load} → {b.Load}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; busy: app {(b.AppCpu - a.AppCpu).TotalSeconds / seconds:F2} cores")
               + (pg is { } e ? FormattableString.Invariant($", PostgreSQL {e.TotalSeconds / seconds:F2} cores") : string.Empty);
    }

    private TimeSpan? PostgresCpu()
    {
        if (_postgresDataDir is null || !OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(_postgresDataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }
                var f = Stat(pid);
                if (f is null)
                {
                    continue;
                }
                // Fields after the command: [0]=state [1]=ppid … [11]=utime [12]=stime [13]=cutime [14]=cstime.
                var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
                if (pid == postmaster || ppid == postmaster)
                {
                    ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                             + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
                }
            }
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux.
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a process in USER_HZ ticks from /proc (0 when it ended or there is no /proc).</summary>
    public static long CpuTicks(int pid) =>
        Stat(pid) is { } f ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture) : 0;

    /// <summary>The fields of /proc/{pid}/stat after the command name (null when unreadable).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _listener.Dispose();

    public sealed record Snapshot(
        TimeSpan AppCpu, TimeSpan? PostgresCpu, long RoundTrips, long BytesWritten, long BytesRead, long Allocated, int Gen0, int Gen2, string Load);
}
