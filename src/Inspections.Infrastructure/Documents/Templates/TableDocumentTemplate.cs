using System.Globalization;
using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.Infrastructure.Documents.Templates;

public static class TableDocumentTemplate
{
    public static DocumentLayout Compose(TableDocument t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var setup = t.Orientation == PageOrientation.Landscape
            ? PageSetup.A4LandscapeTable
            : new PageSetup(PageOrientation.Portrait, PageMargins.Form);
        var blocks = new List<Block> { new HeadingBlock(t.Title) { FontSize = 18, SpaceAfter = 4 } };
        blocks.AddRange(t.Subtitle.Select(s => new ParagraphBlock(s) { FontSize = t.FontSize, Align = TextAlign.Center, KeepWithNext = true }));

        var columns = t.Columns.Select(c => TableColumn.Relative(c.Weight, c.Align)).ToList();
        var header = t.Columns.Select(c => new TableCell(c.Header)).ToList();
        if (t.NumberRows)
        {
            columns.Insert(0, TableColumn.Ems(2.2, TextAlign.Center));
            header.Insert(0, new TableCell("序号"));
        }

        var rows = t.Rows.Select((cells, i) =>
        {
            var list = cells.Select(c => new TableCell(c)).ToList();
            if (t.NumberRows)
            {
                list.Insert(0, new TableCell((i + 1).ToString(CultureInfo.InvariantCulture)));
            }

            return new TableRow(list);
        }).ToList();

        blocks.Add(new TableBlock(columns, rows) { HeaderRows = [new TableRow(header)], FontSize = t.FontSize, SpaceBefore = 6 });
        blocks.AddRange(t.Notes.Select((note, i) => new ParagraphBlock(note) { FontSize = 9, SpaceBefore = i == 0 ? 6 : 0, LineHeight = 1.4 }));
        if (t.SignOffLabels.Count > 0)
        {
            var runs = new List<TextRun>();
            foreach (var label in t.SignOffLabels)
            {
                if (runs.Count > 0)
                {
                    runs.Add("　　　");
                }

                runs.Add(label + "：");
                runs.Add(TextRun.Blank(7));
            }

            blocks.Add(new ParagraphBlock(runs) { FontSize = t.FontSize, SpaceBefore = 10 });
        }

        return new DocumentLayout(t.Title, setup, blocks) { Author = t.Author };
    }
}
