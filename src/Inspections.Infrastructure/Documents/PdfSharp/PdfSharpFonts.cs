using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Inspections.Infrastructure.Documents.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Inspections.Infrastructure.Documents.PdfSharp;

/// <summary>
/// PDFsharp's font resolver is process-wide and may be set only once, so one instance serves every renderer: each font
/// file is registered under its own family name. Bold is simulated from the regular face (see ADR 0007).
/// </summary>
internal sealed class PdfSharpFontResolver : IFontResolver
{
    private static readonly Lock Gate = new();
    private static readonly PdfSharpFontResolver Instance = new();
    private static bool installed;

    private readonly ConcurrentDictionary<string, byte[]> facesByFamily = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FontFace> facesByPath = new(StringComparer.Ordinal);

    /// <summary>Sets PDFsharp's licence (AGPL-3.0, ADR 0005) and font resolver, once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            global::PdfSharp.PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is { } other && other != Instance)
            {
                throw new InvalidOperationException($"Another PDFsharp font resolver ({other.GetType()}) is installed; documents need {nameof(PdfSharpFontResolver)}.");
            }

            GlobalFontSettings.FontResolver = Instance;
            installed = true;
        }
    }

    /// <summary>Loads (once per path) and registers a font file; throws <see cref="DocumentFontNotFoundException"/> when unusable.</summary>
    public static FontFace Load(string path)
    {
        Install();
        lock (Gate)
        {
            var fullPath = Path.GetFullPath(path);
            if (Instance.facesByPath.TryGetValue(fullPath, out var face))
            {
                return face;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(fullPath);
            }
            catch (IOException e)
            {
                throw new DocumentFontNotFoundException($"The document font {fullPath} cannot be read: {e.Message}", e);
            }

            ValidateTrueType(bytes, fullPath);
            var family = "InspectionsCJK" + (Instance.facesByPath.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Instance.facesByFamily[family] = bytes;
            face = new FontFace(family, fullPath);
            Instance.facesByPath[fullPath] = face;
            return face;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        facesByFamily.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => facesByFamily.GetValueOrDefault(faceName);

    /// <summary>PDFsharp subsets only TrueType (glyf) fonts; collections crash it and CFF fonts get embedded whole.</summary>
    private static void ValidateTrueType(byte[] bytes, string path)
    {
        if (bytes.Length < 12)
        {
            throw new DocumentFontNotFoundException($"The document font {path} is not a font file.");
        }

        var tag = Encoding.ASCII.GetString(bytes, 0, 4);
        var problem = tag switch
        {
            "ttcf" => "is a font collection (.ttc), which PDFsharp cannot use",
            "OTTO" => "has CFF outlines (.otf), which PDFsharp would embed whole (megabytes per page)",
            _ when BinaryPrimitives.ReadUInt32BigEndian(bytes) is not (0x00010000u or 0x74727565u) => "is not a TrueType font",
            _ => null,
        };
        if (problem is null && !HasTable(bytes, "glyf"))
        {
            problem = "has no glyf table";
        }

        if (problem is not null)
        {
            throw new DocumentFontNotFoundException(
                $"The document font {path} {problem}. Use the static TrueType Noto Sans SC that scripts/fonts.sh fetches.");
        }
    }

    private static bool HasTable(byte[] bytes, string wanted)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
        for (var i = 0; i < count && 12 + 16 * i + 4 <= bytes.Length; i++)
        {
            if (Encoding.ASCII.GetString(bytes, 12 + 16 * i, 4) == wanted)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One registered font: cached XFonts and advance widths (per em) measured once per character.</summary>
internal sealed class FontFace(string family, string path)
{
    private const double MeasureSize = 1000;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly ConcurrentDictionary<(double Size, bool Bold), XFont> fonts = new();
    private readonly ConcurrentDictionary<int, double> advances = new();
    private readonly Lock measureGate = new();
    private XGraphics? measureContext;

    public string Family { get; } = family;

    public string Path { get; } = path;

    /// <summary>Always Unicode (Identity-H): with the default encoding pure-ASCII strings would go into a second, WinAnsi font.</summary>
    public XFont Font(double size, bool bold) =>
        fonts.GetOrAdd((size, bold), key => new XFont(Family, key.Size, key.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode));

    /// <summary>Advance width of one character (a string holding one rune) in ems.</summary>
    public double Advance(string rune, bool bold)
    {
        var key = char.ConvertToUtf32(rune, 0) | (bold ? 1 << 24 : 0);
        if (advances.TryGetValue(key, out var width))
        {
            return width;
        }

        lock (measureGate)
        {
            measureContext ??= XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
            width = measureContext.MeasureString(rune, Font(MeasureSize, bold)).Width / MeasureSize;
        }

        advances[key] = width;
        return width;
    }
}
