using Inspections.Infrastructure.Documents.Layout;
using PdfSharp.Drawing;

namespace Inspections.Infrastructure.Documents.PdfSharp;

/// <summary>
/// The unit of pagination: a horizontal strip of known height (a line of a paragraph, a table row, a QR code…).
/// Page breaks fall only between slices, or inside a slice that can split (a table row taller than the space left).
/// </summary>
internal abstract class Slice
{
    public double Height { get; protected init; }

    /// <summary>Dropped at the top of a page.</summary>
    public double SpaceBefore { get; set; }

    public double SpaceAfter { get; set; }

    public bool KeepWithNext { get; set; }

    /// <summary>Rows drawn first when this slice starts a page (repeated table header).</summary>
    public IReadOnlyList<Slice>? RepeatedHeader { get; init; }

    public abstract void Draw(XGraphics gfx, double x, double y, double width);

    /// <summary>Splits so that the head fits in <paramref name="available"/>; null when it cannot.</summary>
    public virtual (Slice Head, Slice Tail)? Split(double available) => null;
}

internal sealed class PageBreakSlice : Slice
{
    public override void Draw(XGraphics gfx, double x, double y, double width)
    {
    }
}

internal sealed class SpacerSlice : Slice
{
    public SpacerSlice(double height) => Height = height;

    public override void Draw(XGraphics gfx, double x, double y, double width)
    {
    }
}

internal sealed class RuleSlice(double thickness, bool dashed) : Slice
{
    public override void Draw(XGraphics gfx, double x, double y, double width)
    {
        var pen = new XPen(XColors.Black, thickness) { DashStyle = dashed ? XDashStyle.Dash : XDashStyle.Solid };
        gfx.DrawLine(pen, x, y, x + width, y);
    }
}

/// <summary>One line of a paragraph or heading.</summary>
internal sealed class LineSlice : Slice
{
    private readonly Typesetter typesetter;
    private readonly TextLine line;
    private readonly double size;
    private readonly bool bold;
    private readonly TextAlign align;
    private readonly double leftIndent;
    private readonly double rightIndent;

    public LineSlice(Typesetter typesetter, TextLine line, double size, double lineHeight, bool bold, TextAlign align, double leftIndent, double rightIndent)
    {
        this.typesetter = typesetter;
        this.line = line;
        this.size = size;
        this.bold = bold;
        this.align = align;
        this.leftIndent = leftIndent;
        this.rightIndent = rightIndent;
        Height = lineHeight;
    }

    public override void Draw(XGraphics gfx, double x, double y, double width)
    {
        var box = width - leftIndent - rightIndent;
        var start = x + leftIndent + align switch
        {
            TextAlign.Center => (box - line.Width) / 2,
            TextAlign.Right => box - line.Width,
            _ => line.Indent,
        };
        typesetter.Draw(gfx, line, start, Typesetter.Baseline(y, Height, size), size, bold);
    }
}

/// <summary>A block drawn by a callback that must stay on one page.</summary>
internal sealed class AtomicSlice : Slice
{
    private readonly Action<XGraphics, double, double, double> draw;

    public AtomicSlice(double height, Action<XGraphics, double, double, double> draw)
    {
        Height = height;
        this.draw = draw;
    }

    public override void Draw(XGraphics gfx, double x, double y, double width) => draw(gfx, x, y, width);
}

internal sealed record CellLayout(List<TextLine> Lines, double X, double Width, TextAlign Align, bool Bold);

internal sealed record RowStyle(double FontSize, double LineHeight, double PaddingX, double PaddingY, bool Borders, bool Shaded);

/// <summary>A table row: cells side by side, vertically centred. A row taller than the space left splits by lines.</summary>
internal sealed class TableRowSlice : Slice
{
    private static readonly XBrush ShadeBrush = new XSolidBrush(XColor.FromArgb(236, 236, 236));
    private readonly Typesetter typesetter;
    private readonly IReadOnlyList<CellLayout> cells;
    private readonly RowStyle style;
    private readonly int lineCount;
    private readonly double lines;

    public TableRowSlice(Typesetter typesetter, IReadOnlyList<CellLayout> cells, RowStyle style, double minLines)
    {
        this.typesetter = typesetter;
        this.cells = cells;
        this.style = style;
        lineCount = cells.Count == 0 ? 1 : cells.Max(c => c.Lines.Count);
        lines = Math.Max(minLines, lineCount);
        Height = lines * style.LineHeight + 2 * style.PaddingY;
    }

    public override void Draw(XGraphics gfx, double x, double y, double width)
    {
        var pen = new XPen(XColors.Black, 0.6);
        foreach (var cell in cells)
        {
            if (style.Shaded)
            {
                gfx.DrawRectangle(ShadeBrush, x + cell.X, y, cell.Width, Height);
            }

            if (style.Borders)
            {
                gfx.DrawRectangle(pen, x + cell.X, y, cell.Width, Height);
            }

            var inner = cell.Width - 2 * style.PaddingX;
            var top = y + style.PaddingY + (lines - cell.Lines.Count) * style.LineHeight / 2;
            foreach (var line in cell.Lines)
            {
                var offset = cell.Align switch
                {
                    TextAlign.Center => (inner - line.Width) / 2,
                    TextAlign.Right => inner - line.Width,
                    _ => 0,
                };
                typesetter.Draw(gfx, line, x + cell.X + style.PaddingX + offset, Typesetter.Baseline(top, style.LineHeight, style.FontSize), style.FontSize, cell.Bold);
                top += style.LineHeight;
            }
        }
    }

    public override (Slice Head, Slice Tail)? Split(double available)
    {
        var fit = (int)Math.Floor((available - 2 * style.PaddingY) / style.LineHeight);
        if (fit < 1 || fit >= lineCount)
        {
            return null;
        }

        var head = cells.Select(c => c with { Lines = c.Lines.Take(fit).ToList() }).ToList();
        var tail = cells.Select(c => c with { Lines = c.Lines.Skip(fit).ToList() }).ToList();
        return (new TableRowSlice(typesetter, head, style, fit) { RepeatedHeader = RepeatedHeader, SpaceBefore = SpaceBefore },
                new TableRowSlice(typesetter, tail, style, 1) { RepeatedHeader = RepeatedHeader, SpaceAfter = SpaceAfter, KeepWithNext = KeepWithNext });
    }
}
