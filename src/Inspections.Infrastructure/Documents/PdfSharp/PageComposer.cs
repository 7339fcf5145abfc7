using Inspections.Infrastructure.Documents.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Inspections.Infrastructure.Documents.PdfSharp;

/// <summary>Lays the slices of one document out on pages of a PDF, then draws the running furniture on each page.</summary>
internal sealed class PageComposer(PdfDocument pdf, DocumentLayout layout, Typesetter typesetter)
{
    private const double FooterFontSize = 9;
    private readonly List<(PdfPage Page, XGraphics Gfx)> pages = [];
    private readonly List<TextLine>? signatureLine = layout.Furniture.SignatureLine is { Count: > 0 } runs
        ? typesetter.Typeset(runs, layout.Furniture.SignatureLineFontSize, false, double.MaxValue / 4, double.MaxValue / 4)
        : null;

    private double y;
    private bool atPageTop;
    private IReadOnlyList<Slice>? headerOnThisPage;

    private double Mm(double mm) => mm * SliceBuilder.PointsPerMm;

    private double PageWidth => Mm(layout.Page.WidthMm);

    private double PageHeight => Mm(layout.Page.HeightMm);

    private double Left => Mm(layout.Page.Margins.Left);

    private double Top => Mm(layout.Page.Margins.Top);

    public double ContentWidth => PageWidth - Left - Mm(layout.Page.Margins.Right);

    private double SignatureBandHeight => signatureLine is null ? 0 : layout.Furniture.SignatureLineFontSize * 1.5 * signatureLine.Count + 10;

    private double Bottom => PageHeight - Mm(layout.Page.Margins.Bottom) - SignatureBandHeight;

    private double PageBodyHeight => Bottom - Top;

    /// <summary>Lays the document out; returns the number of pages it took.</summary>
    public int Compose(IReadOnlyList<Slice> slices)
    {
        NewPage();
        for (var i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            if (slice is PageBreakSlice)
            {
                if (!atPageTop)
                {
                    NewPage();
                }

                continue;
            }

            while (true)
            {
                var space = atPageTop ? 0 : slice.SpaceBefore;
                var top = y + space + PendingHeaderHeight(slice);
                var fits = top + slice.Height <= Bottom + 0.01;
                if (fits && slice.KeepWithNext && !atPageTop)
                {
                    var chain = ChainHeight(slices, i);
                    fits = top + chain <= Bottom + 0.01 || chain > PageBodyHeight - HeaderHeight(slice);
                }

                if (fits)
                {
                    Place(slice, space);
                    break;
                }

                // Not enough room: start a new page — unless the slice (a table row) is taller than any page or already
                // starts one: then split it by lines, or let it overflow when it cannot split (nothing better exists).
                if (atPageTop || slice.Height > PageBodyHeight - HeaderHeight(slice))
                {
                    if (slice.Split(Bottom - top) is { } parts)
                    {
                        Place(parts.Head, space);
                        NewPage();
                        slice = parts.Tail;
                        continue;
                    }

                    if (atPageTop)
                    {
                        Place(slice, space);
                        break;
                    }
                }

                NewPage();
            }
        }

        return pages.Count;
    }

    /// <summary>Draws page numbers and the per-page signature line, and closes the pages.</summary>
    public void Finish()
    {
        var total = pages.Count;
        for (var p = 0; p < total; p++)
        {
            var gfx = pages[p].Gfx;
            if (signatureLine is not null)
            {
                var size = layout.Furniture.SignatureLineFontSize;
                var top = Bottom + 6;
                gfx.DrawLine(new XPen(XColors.Black, 0.4), Left, top, Left + ContentWidth, top);
                top += 4;
                foreach (var line in signatureLine)
                {
                    typesetter.Draw(gfx, line, Left, Typesetter.Baseline(top, size * 1.5, size), size, false);
                    top += size * 1.5;
                }
            }

            if (layout.Furniture.PageNumberFormat is { } format)
            {
                var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, p + 1, total);
                var line = typesetter.Typeset([new TextRun(text)], FooterFontSize, false, ContentWidth, ContentWidth)[0];
                var bandTop = PageHeight - Mm(layout.Page.Margins.Bottom);
                var baseline = Typesetter.Baseline(bandTop + (Mm(layout.Page.Margins.Bottom) - FooterFontSize * 2) / 2, FooterFontSize * 2, FooterFontSize);
                typesetter.Draw(gfx, line, Left + (ContentWidth - line.Width) / 2, baseline, FooterFontSize, false);
            }

            gfx.Dispose();
        }

        pages.Clear();
    }

    private void Place(Slice slice, double space)
    {
        if (atPageTop && slice.RepeatedHeader is { } header && !ReferenceEquals(header, headerOnThisPage))
        {
            foreach (var row in header)
            {
                row.Draw(pages[^1].Gfx, Left, y, ContentWidth);
                y += row.Height;
            }

            headerOnThisPage = header;
        }

        y += space;
        slice.Draw(pages[^1].Gfx, Left, y, ContentWidth);
        y += slice.Height + slice.SpaceAfter;
        atPageTop = false;
        headerOnThisPage = slice.RepeatedHeader;
    }

    private static double HeaderHeight(Slice slice) => slice.RepeatedHeader?.Sum(h => h.Height) ?? 0;

    /// <summary>Height of the table header that <see cref="Place"/> will draw before this slice at the top of a page.</summary>
    private double PendingHeaderHeight(Slice slice) =>
        atPageTop && slice.RepeatedHeader is { } header && !ReferenceEquals(header, headerOnThisPage) ? HeaderHeight(slice) : 0;

    /// <summary>Height of a run of keep-with-next slices plus the slice they keep with (first line of it if it splits).</summary>
    private static double ChainHeight(IReadOnlyList<Slice> slices, int start)
    {
        var height = slices[start].Height;
        for (var k = start + 1; k < slices.Count && k < start + 16; k++)
        {
            if (slices[k] is PageBreakSlice)
            {
                break;
            }

            height += slices[k].SpaceBefore + slices[k].Height;
            if (!slices[k].KeepWithNext)
            {
                break;
            }
        }

        return height;
    }

    private void NewPage()
    {
        var page = pdf.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        pages.Add((page, XGraphics.FromPdfPage(page)));
        y = Top;
        atPageTop = true;
        headerOnThisPage = null;
    }
}
