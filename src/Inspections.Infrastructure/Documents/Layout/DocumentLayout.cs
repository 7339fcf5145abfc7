namespace Inspections.Infrastructure.Documents.Layout;

/// <summary>
/// A renderer-independent description of a printed document: page set-up, running furniture and a flow of blocks.
/// Templates build it from the document records; an <see cref="IPdfRenderer"/> turns it into pages.
/// </summary>
public sealed record DocumentLayout(string Title, PageSetup Page, IReadOnlyList<Block> Blocks) : IPrintableDocument
{
    /// <summary>Shown in the PDF properties (the issuing authority, usually).</summary>
    public string? Author { get; init; }

    public string? Subject { get; init; }

    public PageFurniture Furniture { get; init; } = PageFurniture.PageNumbersOnly;

    DocumentLayout IPrintableDocument.Compose() => this;
}

public enum PageOrientation
{
    Portrait,
    Landscape,
}

/// <summary>Margins in millimetres.</summary>
public sealed record PageMargins(double Top, double Right, double Bottom, double Left)
{
    /// <summary>GB/T 9704-2012 (official documents): 37 mm top, 26 mm right, 35 mm bottom, 28 mm left (binding side).</summary>
    public static PageMargins OfficialDocument { get; } = new(37, 26, 35, 28);

    /// <summary>
    /// Enforcement forms (notices, records): the binding margin of GB/T 9704 on the left, a smaller top and bottom so that
    /// a notice with its receipt fits one page. The page number sits inside the bottom margin.
    /// </summary>
    public static PageMargins Form { get; } = new(20, 22, 18, 28);

    /// <summary>Landscape tables (route sheets, plans): narrow margins, the binding edge on top.</summary>
    public static PageMargins LandscapeTable { get; } = new(18, 15, 16, 15);
}

public sealed record PageSetup(PageOrientation Orientation, PageMargins Margins)
{
    public static PageSetup A4Form { get; } = new(PageOrientation.Portrait, PageMargins.Form);

    public static PageSetup A4LandscapeTable { get; } = new(PageOrientation.Landscape, PageMargins.LandscapeTable);

    public const double A4ShortMm = 210;
    public const double A4LongMm = 297;

    public double WidthMm => Orientation == PageOrientation.Portrait ? A4ShortMm : A4LongMm;

    public double HeightMm => Orientation == PageOrientation.Portrait ? A4LongMm : A4ShortMm;
}

/// <summary>What is repeated on every page of one document.</summary>
public sealed record PageFurniture
{
    public static PageFurniture PageNumbersOnly { get; } = new();

    public static PageFurniture None { get; } = new() { PageNumberFormat = null };

    /// <summary>Composite format with {0} = page, {1} = pages of this document; null for no page numbers.</summary>
    public string? PageNumberFormat { get; init; } = "第 {0} 页 共 {1} 页";

    /// <summary>A line at the foot of the content area of every page, e.g. "当事人签名：____ 执法人员签名：____".</summary>
    public IReadOnlyList<TextRun>? SignatureLine { get; init; }

    public double SignatureLineFontSize { get; init; } = 10.5;
}
