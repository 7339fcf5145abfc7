using System.Diagnostics;
using System.Globalization;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.PdfSharp;
using Inspections.Infrastructure.Documents.Samples;

namespace Inspections.Benchmarks;

/// <summary>
/// Renders one-page rectification notices on one thread, each to its own PDF (as when notices are issued one by one).
/// Targets from the issue: ≥ 100 pages/s and &lt; 300 KB per page.
/// </summary>
public sealed class NoticeBenchmark : IBenchmark
{
    private const double TargetPagesPerSecond = 100;
    private const double TargetKbPerPage = 300;

    public string Name => "notices";

    public string Description => "render N one-page rectification notices (one PDF each, one thread); no database";

    public string Usage => "--count N (500)  --warmup N (20)  --compression Fast|Balanced|Smallest (Fast)  --out file.pdf (save the last notice)";

    public int Run(BenchmarkArgs args)
    {
        var count = Math.Max(1, args.Int("count", 500));
        var warmup = args.Int("warmup", 20);
        var compression = Enum.TryParse<PdfCompression>(args.String("compression") ?? nameof(PdfCompression.Fast), ignoreCase: true, out var mode)
            ? mode
            : throw new ArgumentException("--compression must be Fast, Balanced or Smallest");
        var renderer = new PdfSharpRenderer(new DocumentOptions { Compression = compression });
        var notices = Enumerable.Range(1, count + warmup).Select(SpecimenDocuments.Notice).ToArray();

        // First document in this process: font loading, JIT, PDFsharp start-up.
        var clock = Stopwatch.StartNew();
        using var firstBuffer = new MemoryStream();
        var firstPages = renderer.Render(notices[0], firstBuffer).PageCount;
        var firstMs = clock.Elapsed.TotalMilliseconds;
        var first = firstBuffer.ToArray();
        if (firstPages != 1)
        {
            Console.Error.WriteLine("the specimen notice does not fit one page");
            return 1;
        }

        for (var i = 1; i < warmup; i++)
        {
            renderer.RenderToArray(notices[i]);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long bytes = 0;
        var pages = 0;
        byte[] last = first;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        using var buffer = new MemoryStream(256 * 1024);
        for (var i = warmup; i < warmup + count; i++)
        {
            buffer.SetLength(0);
            var result = renderer.Render(notices[i], buffer);
            pages += result.PageCount;
            bytes += buffer.Length;
            if (i == warmup + count - 1)
            {
                last = buffer.ToArray();
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var pagesPerSecond = pages / seconds;
        var kbPerPage = bytes / 1024.0 / pages;

        if (args.String("out") is { } path)
        {
            File.WriteAllBytes(path, last);
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"notices: {count} documents, {pages} pages in {seconds:F2} s (one thread, warm-up {warmup}, compression {compression})"));
        Console.WriteLine(string.Create(c, $"  throughput      {pagesPerSecond,8:F1} pages/s   target ≥ {TargetPagesPerSecond}   ratio {pagesPerSecond / TargetPagesPerSecond:F2}×"));
        Console.WriteLine(string.Create(c, $"  size            {kbPerPage,8:F1} KB/page   target < {TargetKbPerPage}   ratio {kbPerPage / TargetKbPerPage:F2} of the limit"));
        Console.WriteLine(string.Create(c, $"  first document  {firstMs,8:F0} ms        (cold: font load, JIT)"));
        Console.WriteLine(string.Create(c, $"  per document    {seconds * 1000 / count,8:F2} ms wall, {cpuSeconds * 1000 / count:F2} ms CPU (all threads, incl. GC), {allocated / 1024.0 / 1024 / count:F2} MB allocated"));
        Console.WriteLine(string.Create(c, $"  CPU-bound rate  {pages / cpuSeconds,8:F1} pages/CPU-second (what one idle core gives; wall time suffers on a loaded machine)"));
        var ok = pagesPerSecond >= TargetPagesPerSecond && kbPerPage < TargetKbPerPage;
        Console.WriteLine(ok ? "  PASS" : "  FAIL: below target");
        return ok ? 0 : 1;
    }
}
