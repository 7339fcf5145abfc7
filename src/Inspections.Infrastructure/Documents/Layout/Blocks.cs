namespace Inspections.Infrastructure.Documents.Layout;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A vertical piece of the document flow. Spacing is in points; space before is dropped at the top of a page.</summary>
public abstract record Block
{
    public double SpaceBefore { get; init; }

    public double SpaceAfter { get; init; }

    /// <summary>Do not end a page after this block (headings, labels).</summary>
    public bool KeepWithNext { get; init; }
}

/// <summary>Wrapped text. Line height is a multiple of the font size; indents are in characters (ems).</summary>
public sealed record ParagraphBlock(IReadOnlyList<TextRun> Runs) : Block
{
    public ParagraphBlock(string text) : this([new TextRun(text)]) { }

    public double FontSize { get; init; } = 12;

    public double LineHeight { get; init; } = 1.6;

    /// <summary>Chinese body text indents the first line by two characters.</summary>
    public double FirstLineIndentEms { get; init; }

    public double LeftIndentEms { get; init; }

    public double RightIndentEms { get; init; }

    public TextAlign Align { get; init; } = TextAlign.Left;

    public bool Bold { get; init; }

    /// <summary>Plain body paragraph with the two-character first-line indent.</summary>
    public static ParagraphBlock Body(string text, double fontSize = 12) => new(text) { FontSize = fontSize, FirstLineIndentEms = 2 };

    public static ParagraphBlock Body(IReadOnlyList<TextRun> runs, double fontSize = 12) => new(runs) { FontSize = fontSize, FirstLineIndentEms = 2 };
}

/// <summary>A centred bold title (二号 ≈ 22 pt by default).</summary>
public sealed record HeadingBlock(string Text) : Block
{
    public double FontSize { get; init; } = 22;

    public bool Bold { get; init; } = true;

    public TextAlign Align { get; init; } = TextAlign.Center;

    public double LineHeight { get; init; } = 1.4;
}

public enum ColumnSizing
{
    /// <summary>A share of the width left over by fixed and auto columns.</summary>
    Relative,

    /// <summary>Fixed width in ems of the table font.</summary>
    Ems,

    /// <summary>As wide as the widest single-column cell's unwrapped text (capped at 40 % of the table).</summary>
    Auto,
}

public sealed record TableColumn(double Width = 1, ColumnSizing Sizing = ColumnSizing.Relative, TextAlign Align = TextAlign.Left)
{
    public static TableColumn Relative(double weight, TextAlign align = TextAlign.Left) => new(weight, ColumnSizing.Relative, align);

    public static TableColumn Ems(double ems, TextAlign align = TextAlign.Left) => new(ems, ColumnSizing.Ems, align);

    public static TableColumn Auto(TextAlign align = TextAlign.Left) => new(0, ColumnSizing.Auto, align);
}

public sealed record TableCell(IReadOnlyList<TextRun> Runs)
{
    public TableCell(string text) : this([new TextRun(text)]) { }

    public int ColSpan { get; init; } = 1;

    /// <summary>Overrides the column alignment.</summary>
    public TextAlign? Align { get; init; }

    public bool Bold { get; init; }

    /// <summary>Pictures with a caption under each (signatures with the signer's name), side by side above the text.</summary>
    public IReadOnlyList<CellFigure> Figures { get; init; } = [];

    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>
/// A picture scaled into a box of <see cref="HeightPt"/> by at most <see cref="MaxWidthPt"/> points, with its caption
/// (extractable text) centred under it. Without a picture — none given, file missing or unreadable — the box stays blank
/// (room to sign by hand) and the caption is still printed.
/// </summary>
public sealed record CellFigure(DocumentImage? Image, string Caption)
{
    public double HeightPt { get; init; } = 34;

    public double MaxWidthPt { get; init; } = 110;
}

public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    /// <summary>Minimum row height in lines (room for handwriting).</summary>
    public double MinLines { get; init; } = 1;

    public static TableRow Of(params TableCell[] cells) => new(cells);
}

/// <summary>
/// A table whose rows never split between cells: a page break falls between rows (a row taller than a page splits
/// by lines). Header rows repeat at the top of every page the table continues on.
/// </summary>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : Block
{
    public IReadOnlyList<TableRow> HeaderRows { get; init; } = [];

    public double FontSize { get; init; } = 10.5;

    public double LineHeight { get; init; } = 1.45;

    public bool Borders { get; init; } = true;

    /// <summary>Horizontal and vertical padding inside each cell, in points.</summary>
    public double PaddingX { get; init; } = 4;

    public double PaddingY { get; init; } = 2.5;

    public bool RepeatHeader { get; init; } = true;

    /// <summary>Light grey behind header rows.</summary>
    public bool ShadeHeader { get; init; } = true;

    /// <summary>Cells of the first column are bold (label/value forms).</summary>
    public bool BoldLabels { get; init; }

    /// <summary>Never split this (small) table over two pages.</summary>
    public bool KeepTogether { get; init; }
}

/// <summary>A QR code drawn as vector modules, with a caption under it.</summary>
public sealed record QrCodeBlock(string Payload) : Block
{
    public double SizeMm { get; init; } = 22;

    public IReadOnlyList<string> Caption { get; init; } = [];

    public double CaptionFontSize { get; init; } = 7.5;

    public TextAlign Align { get; init; } = TextAlign.Left;
}

/// <summary>
/// 落款: the authority's name, a printed "（印章）" hint where the seal goes, and the date — centred on one axis and
/// right-aligned with <see cref="RightIndentEms"/> characters to spare (GB/T 9704 puts the date 右空四字).
/// </summary>
public sealed record SealBlock(string Authority, string Date) : Block
{
    public double FontSize { get; init; } = 12;

    public double RightIndentEms { get; init; } = 2;

    public string? SealHint { get; init; } = "（印章）";

    public double LineHeight { get; init; } = 1.8;
}

/// <summary>Blocks side by side; each column keeps together (no page break inside). Widths are relative.</summary>
public sealed record ColumnsBlock(IReadOnlyList<LayoutColumn> Columns) : Block
{
    public double Gap { get; init; } = 12;
}

public sealed record LayoutColumn(double Weight, IReadOnlyList<Block> Blocks);

/// <summary>A horizontal rule across the content width.</summary>
public sealed record RuleBlock : Block
{
    public double Thickness { get; init; } = 0.5;

    public bool Dashed { get; init; }
}

public sealed record SpacerBlock(double Height) : Block;

public sealed record PageBreakBlock : Block;
