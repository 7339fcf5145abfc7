using System.Text;
using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Text;
using PdfSharp.Drawing;

namespace Inspections.Infrastructure.Documents.PdfSharp;

/// <summary>A run of characters of one style on one line, positioned relative to the line start.</summary>
internal readonly record struct Segment(TextRun Run, string Text, double X, double Width);

internal sealed record TextLine(IReadOnlyList<Segment> Segments, double Width, double Indent)
{
    public static readonly TextLine Empty = new([], 0, 0);
}

/// <summary>Measures and breaks inline runs into lines, and draws lines. Sizes in points.</summary>
internal sealed class Typesetter(FontFace face)
{
    /// <summary>The ideographic em box of Noto Sans SC spans 0.88 em above to 0.12 em below the baseline.</summary>
    private const double EmBoxCentreAboveBaseline = 0.38;

    private static readonly XPen ThinPen = new(XColors.Black, 0.5);
    private static readonly XBrush MutedBrush = new XSolidBrush(XColor.FromArgb(110, 110, 110));

    public FontFace Face { get; } = face;

    /// <summary>Widest line when broken only at newlines (natural width of a table cell).</summary>
    public double MeasureNatural(IReadOnlyList<TextRun> runs, double size, bool bold = false) =>
        Typeset(runs, size, bold, double.MaxValue / 4, double.MaxValue / 4).Max(l => l.Width);

    public List<TextLine> Typeset(IReadOnlyList<TextRun> runs, double size, bool bold, double firstLineWidth, double otherLinesWidth, double firstLineIndent = 0)
    {
        var texts = new List<string>();
        var widths = new List<double>();
        var classes = new List<BreakClass>();
        var owners = new List<int>();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            switch (run.Kind)
            {
                case RunKind.Checkbox:
                    Add("☐", size, BreakClass.Ideographic, r);
                    break;
                case RunKind.Blank:
                    Add("", run.BlankEms * size, BreakClass.Ideographic, r);
                    break;
                default:
                    foreach (var rune in run.Text.EnumerateRunes())
                    {
                        var s = rune.ToString();
                        var cls = CjkLineBreaker.Classify(rune);
                        Add(s, cls is BreakClass.HardBreak || rune.Value == '\r' ? 0 : Face.Advance(s, bold || run.Bold) * size, cls, r);
                    }

                    break;
            }
        }

        var ranges = CjkLineBreaker.Break(widths, classes, firstLineWidth - firstLineIndent, otherLinesWidth);
        var lines = new List<TextLine>(ranges.Count);
        for (var li = 0; li < ranges.Count; li++)
        {
            var (start, end) = ranges[li];
            var segments = new List<Segment>();
            var x = 0.0;
            var k = start;
            while (k < end)
            {
                var owner = owners[k];
                var sb = new StringBuilder();
                var segStart = x;
                while (k < end && owners[k] == owner)
                {
                    if (classes[k] != BreakClass.HardBreak && texts[k] != "\r")
                    {
                        sb.Append(texts[k]);
                    }

                    x += widths[k];
                    k++;
                }

                segments.Add(new Segment(runs[owner], sb.ToString(), segStart, x - segStart));
            }

            lines.Add(new TextLine(segments, x, li == 0 ? firstLineIndent : 0));
        }

        return lines;

        void Add(string text, double width, BreakClass cls, int owner)
        {
            texts.Add(text);
            widths.Add(width);
            classes.Add(cls);
            owners.Add(owner);
        }
    }

    /// <summary>Baseline that centres the em box of the font in a line box of the given height.</summary>
    public static double Baseline(double lineTop, double lineHeight, double size) =>
        lineTop + lineHeight / 2 + EmBoxCentreAboveBaseline * size;

    public void Draw(XGraphics gfx, TextLine line, double x, double baseline, double size, bool bold)
    {
        foreach (var seg in line.Segments)
        {
            var sx = x + seg.X;
            var run = seg.Run;
            switch (run.Kind)
            {
                case RunKind.Checkbox:
                    DrawCheckbox(gfx, sx, baseline, size, run.Checked);
                    break;
                case RunKind.Blank:
                    gfx.DrawLine(ThinPen, sx, baseline + 0.18 * size, sx + seg.Width, baseline + 0.18 * size);
                    break;
                default:
                    if (seg.Text.Length > 0)
                    {
                        gfx.DrawString(seg.Text, Face.Font(size, bold || run.Bold), run.Muted ? MutedBrush : XBrushes.Black, sx, baseline, XStringFormats.BaseLineLeft);
                    }

                    if (run.Underline)
                    {
                        gfx.DrawLine(ThinPen, sx, baseline + 0.18 * size, sx + seg.Width, baseline + 0.18 * size);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Noto Sans SC has no ☐/☑: the box is drawn, and a ticked box gets the font's ✓ (U+2713) so the tick is also in the
    /// text layer (pdftotext, search, screen readers).
    /// </summary>
    private void DrawCheckbox(XGraphics gfx, double x, double baseline, double size, bool isChecked)
    {
        var side = 0.72 * size;
        var left = x + (size - side) / 2;
        var top = baseline - EmBoxCentreAboveBaseline * size - side / 2;
        gfx.DrawRectangle(new XPen(XColors.Black, Math.Max(0.5, size / 20)), left, top, side, side);
        if (isChecked)
        {
            var tickSize = size * 0.95;
            var font = Face.Font(tickSize, bold: true);
            var tickWidth = Face.Advance("✓", bold: true) * tickSize;
            gfx.DrawString("✓", font, XBrushes.Black, x + (size - tickWidth) / 2, baseline - 0.02 * size, XStringFormats.BaseLineLeft);
        }
    }
}
