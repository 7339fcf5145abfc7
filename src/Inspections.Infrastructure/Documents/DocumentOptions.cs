namespace Inspections.Infrastructure.Documents;

/// <summary>Configuration section "Documents".</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Environment variable that overrides <see cref="FontDirectory"/> (used by test.sh and containers).</summary>
    public const string FontDirectoryVariable = "INSPECTIONS_FONT_DIR";

    /// <summary>
    /// Folder holding <c>NotoSansSC_400Regular.ttf</c> (relative paths are taken from the content root). When empty,
    /// <c>.fonts-cache/</c> is looked for in the content root, the application folder and the working directory and
    /// in their parents up to the repository root — where <c>scripts/fonts.sh</c> puts it.
    /// </summary>
    public string? FontDirectory { get; set; }

    /// <summary>
    /// Deflate effort. <see cref="PdfCompression.Fast"/> (default) renders ~1.5× as many pages/s as Balanced for ~40 % larger files; most
    /// of each file is the embedded font subset, whose glyph tables PDFsharp writes at full length.
    /// </summary>
    public PdfCompression Compression { get; set; } = PdfCompression.Fast;
}

public enum PdfCompression
{
    Fast,
    Balanced,
    Smallest,
}
