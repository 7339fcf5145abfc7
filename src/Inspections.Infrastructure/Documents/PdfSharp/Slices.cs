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

internal sealed record CellLayout(List<TextLine> Lines, double X, double Width, TextAlign Align, bool Bold)
{
    /// <summary>Pictures with captions, side by side above the lines.</summary>
    public IReadOnlyList<FigureLayout>? Figures { get; init; }

    public double FiguresHeight(double lineHeight) => Figures is { Count: > 0 } f ? f.Max(x => x.BoxHeight) + FigureLayout.CaptionGap + lineHeight : 0;

    public double ContentHeight(double lineHeight) => FiguresHeight(lineHeight) + Lines.Count * lineHeight;
}

/// <summary>A picture scaled into its box (null: the box stays blank) and its caption centred under the box.</summary>
internal sealed record FigureLayout(XImage? Image, double ImageWidth, double ImageHeight, double BoxHeight, TextLine Caption, double Width)
{
    public const double Gap = 10;

    public const double CaptionGap = 1;
}

internal sealed record RowStyle(double FontSize, double LineHeight, double PaddingX, double PaddingY, bool Borders, bool Shaded);

/// <summary>A table row: cells side by side, vertically centred. A row taller than the space left splits by lines.</summary>
internal sealed class TableRowSlice : Slice
{
    private static readonly XBrush ShadeBrush = new XSolidBrush(XColor.FromArgb(236, 236, 236));
    private readonly Typesetter typesetter;
    private readonly IReadOnlyList<CellLayout> cells;
    private readonly RowStyle style;
    private readonly int lineCount;
    private readonly double contentHeight;
    private readonly bool hasFigures;

    public TableRowSlice(Typesetter typesetter, IReadOnlyList<CellLayout> cells, RowStyle style, double minLines)
    {
        this.typesetter = typesetter;
        this.cells = cells;
        this.style = style;
        lineCount = cells.Count == 0 ? 1 : cells.Max(c => c.Lines.Count);
        hasFigures = cells.Any(c => c.Figures is { Count: > 0 });
        var content = cells.Count == 0 ? style.LineHeight : cells.Max(c => c.ContentHeight(style.LineHeight));
        contentHeight = Math.Max(minLines * style.LineHeight, content);
        Height = contentHeight + 2 * style.PaddingY;
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
            var top = y + style.PaddingY + (contentHeight - cell.ContentHeight(style.LineHeight)) / 2;
            if (cell.Figures is { Count: > 0 } figures)
            {
                DrawFigures(gfx, cell, figures, x + cell.X + style.PaddingX, top, inner);
                top += cell.FiguresHeight(style.LineHeight);
            }

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

    /// <summary>Figures side by side, aligned as the cell; each picture centred on the bottom of its box (as on a signature line).</summary>
    private void DrawFigures(XGraphics gfx, CellLayout cell, IReadOnlyList<FigureLayout> figures, double left, double top, double inner)
    {
        var total = figures.Sum(f => f.Width) + FigureLayout.Gap * (figures.Count - 1);
        var fx = left + cell.Align switch
        {
            TextAlign.Center => Math.Max(0, (inner - total) / 2),
            TextAlign.Right => Math.Max(0, inner - total),
            _ => 0,
        };
        var box = figures.Max(f => f.BoxHeight);
        foreach (var f in figures)
        {
            if (f.Image is { } image)
            {
                gfx.DrawImage(image, fx + (f.Width - f.ImageWidth) / 2, top + box - f.ImageHeight, f.ImageWidth, f.ImageHeight);
            }

            var captionTop = top + box + FigureLayout.CaptionGap;
            typesetter.Draw(gfx, f.Caption, fx + (f.Width - f.Caption.Width) / 2, Typesetter.Baseline(captionTop, style.LineHeight, style.FontSize), style.FontSize, false);
            fx += f.Width + FigureLayout.Gap;
        }
    }

    public override (Slice Head, Slice Tail)? Split(double available)
    {
        var fit = (int)Math.Floor((available - 2 * style.PaddingY) / style.LineHeight);
        if (hasFigures || fit < 1 || fit >= lineCount)
        {
            return null;
        }

        var head = cells.Select(c => c with { Lines = c.Lines.Take(fit).ToList() }).ToList();
        var tail = cells.Select(c => c with { Lines = c.Lines.Skip(fit).ToList() }).ToList();
        return (new TableRowSlice(typesetter, head, style, fit) { RepeatedHeader = RepeatedHeader, SpaceBefore = SpaceBefore },
                new TableRowSlice(typesetter, tail, style, 1) { RepeatedHeader = RepeatedHeader, SpaceAfter = SpaceAfter, KeepWithNext = KeepWithNext });
    }
}
