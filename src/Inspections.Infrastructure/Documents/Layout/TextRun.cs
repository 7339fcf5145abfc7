namespace Inspections.Infrastructure.Documents.Layout;

public enum RunKind
{
    Text,

    /// <summary>A check box (ticked or not). The font has no ☑/☐: renderers draw it.</summary>
    Checkbox,

    /// <summary>An underlined blank to be filled in by hand, <see cref="TextRun.BlankEms"/> characters wide.</summary>
    Blank,
}

/// <summary>A piece of inline content with one style.</summary>
public sealed record TextRun(string Text, bool Bold = false, bool Underline = false)
{
    public RunKind Kind { get; init; } = RunKind.Text;

    public bool Checked { get; init; }

    public double BlankEms { get; init; }

    /// <summary>Grey text for printed hints such as "（印章）".</summary>
    public bool Muted { get; init; }

    public static implicit operator TextRun(string text) => new(text);

    public static TextRun Strong(string text) => new(text, Bold: true);

    public static TextRun Checkbox(bool isChecked) => new("") { Kind = RunKind.Checkbox, Checked = isChecked };

    public static TextRun Blank(double ems) => new("") { Kind = RunKind.Blank, BlankEms = ems };

    /// <summary>A filled-in value underlined over at least <paramref name="minEms"/> characters; blank when empty.</summary>
    public static TextRun Filled(string? value, double minEms) =>
        string.IsNullOrWhiteSpace(value) ? Blank(minEms) : new TextRun(value, Underline: true);
}
