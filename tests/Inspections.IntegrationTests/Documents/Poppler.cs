using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Inspections.IntegrationTests.Documents;

/// <summary>poppler-utils (pdftotext, pdffonts, pdfinfo) on a PDF held in memory. test.sh installs them.</summary>
internal static partial class Poppler
{
    /// <summary>Text of every page as laid out (pdftotext -layout), pages split at form feeds.</summary>
    public static IReadOnlyList<string> PagesText(byte[] pdf) => SplitPages(Run(pdf, "pdftotext", "-layout", "-enc", "UTF-8", "{pdf}", "-"));

    /// <summary>Layout text: lines as printed, table columns side by side (multi-line cells interleave).</summary>
    public static string Text(byte[] pdf) => string.Join("\f", PagesText(pdf));

    /// <summary>Text in drawing order (pdftotext -raw): each table cell and paragraph stays in one piece.</summary>
    public static string RawText(byte[] pdf) => Run(pdf, "pdftotext", "-raw", "-enc", "UTF-8", "{pdf}", "-");

    public static IReadOnlyList<string> RawPagesText(byte[] pdf) => SplitPages(RawText(pdf));

    private static string[] SplitPages(string text)
    {
        var pages = text.Split('\f');
        return pages.Length > 1 && string.IsNullOrWhiteSpace(pages[^1]) ? pages[..^1] : pages;
    }

    /// <summary>Text with all white space removed, so that wrapped lines and layout padding do not matter.</summary>
    public static string Squeeze(string text) => Whitespace().Replace(text, "");

    public static string Fonts(byte[] pdf) => Run(pdf, "pdffonts", "{pdf}");

    /// <summary>The image XObjects drawn on each page (pdfimages -list): page number and type (image, smask…), in drawing order.</summary>
    public static IReadOnlyList<(int Page, string Type)> Images(byte[] pdf) =>
        [.. Run(pdf, "pdfimages", "-list", "{pdf}").Split('\n').Skip(2)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length > 2)
            .Select(c => (int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), c[2]))];

    public static string Info(byte[] pdf) => Run(pdf, "pdfinfo", "{pdf}");

    public static int PageCount(byte[] pdf)
    {
        var info = Run(pdf, "pdfinfo", "{pdf}");
        var match = PagesLine().Match(info);
        Assert.True(match.Success, "pdfinfo printed no page count:\n" + info);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Run(byte[] pdf, string tool, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"inspections-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg == "{pdf}" ? file : arg);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{tool} is not installed: apt-get install -y poppler-utils (test.sh does it).", e);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                Assert.True(process.WaitForExit(30_000), $"{tool} did not finish in 30 s");
                Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {stderr.Result}");
                return stdout.Result;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
