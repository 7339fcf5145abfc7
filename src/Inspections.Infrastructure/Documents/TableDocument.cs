using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Templates;

namespace Inspections.Infrastructure.Documents;

/// <summary>A titled table (route sheet, monthly plan, progress table); the header row repeats on every page.</summary>
public sealed record TableDocument : IPrintableDocument
{
    public required string Title { get; init; }

    /// <summary>Lines under the title, e.g. 填报单位：… 统计周期：2026年11月.</summary>
    public IReadOnlyList<string> Subtitle { get; init; } = [];

    public required IReadOnlyList<TableDocumentColumn> Columns { get; init; }

    /// <summary>Cell texts; a newline starts a new line inside a cell.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }

    /// <summary>Adds a leading 序号 column.</summary>
    public bool NumberRows { get; init; }

    public PageOrientation Orientation { get; init; } = PageOrientation.Landscape;

    public double FontSize { get; init; } = 10.5;

    /// <summary>Notes under the table (填表说明).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Sign-off blanks under the table, e.g. 填表人, 审核人, 填报日期.</summary>
    public IReadOnlyList<string> SignOffLabels { get; init; } = [];

    /// <summary>Issuing unit (PDF properties).</summary>
    public string? Author { get; init; }

    public DocumentLayout Compose() => TableDocumentTemplate.Compose(this);
}

public sealed record TableDocumentColumn(string Header, double Weight = 1, TextAlign Align = TextAlign.Left);
