using System.Text;

namespace Inspections.Infrastructure.Documents.Text;

public enum BreakClass : byte
{
    /// <summary>Han characters, kana, full-width forms, inline objects: a line may break before and after.</summary>
    Ideographic,

    /// <summary>Latin letters, digits and ASCII symbols: runs of them stay together (words, numbers, codes, URLs).</summary>
    Alpha,

    /// <summary>ASCII space: a break falls after it; it disappears at the end of a line.</summary>
    Space,

    /// <summary>避头: never at the start of a line (，。、；：？！）」》…).</summary>
    Closing,

    /// <summary>ASCII , . ; : ! ? %: never at the start of a line, and glued to a following Latin run (3.14, a.com).</summary>
    AsciiClosing,

    /// <summary>避尾: never at the end of a line (（「《〔“).</summary>
    Opening,

    /// <summary>Dashes: a doubled dash (——) is never split.</summary>
    Dash,

    /// <summary>A newline: the line ends here.</summary>
    HardBreak,

    /// <summary>/ and - inside Latin runs: like <see cref="Alpha"/>, but a line may break after them (URLs, long codes).</summary>
    AlphaBreakAfter,
}

/// <summary>
/// Line breaking for Chinese text (after CLREQ and the Word 中文换行 rules): a line may break between any two Han characters,
/// Latin words and numbers stay whole, closing punctuation never starts a line (the last character of the line moves down
/// with it — 推出, no hanging punctuation, so text never passes the right edge of a table cell), opening brackets never end
/// one, and doubled dashes/ellipses stay together.
/// </summary>
public static class CjkLineBreaker
{
    /// <summary>Characters that must not start a line.</summary>
    public const string NoLineStart = "，。、；：？！）］｝」』》〉】〕〗〙〛”’…‥·・％‰℃°′″〃々〻ー～︶﹚﹜﹞｠｣）";

    /// <summary>Characters that must not end a line.</summary>
    public const string NoLineEnd = "（［｛「『《〈【〔〖〘〚“‘￥＄£¥$([{｟｢";

    private const string AsciiClosingChars = ",.;:!?%";

    public static BreakClass Classify(Rune rune)
    {
        var value = rune.Value;
        if (value == '\n')
        {
            return BreakClass.HardBreak;
        }

        if (value == ' ' || value == '\t' || value == '\r')
        {
            return BreakClass.Space;
        }

        if (value is 0x2014 or 0x2015 or 0x2E3A or 0x2E3B)
        {
            return BreakClass.Dash;
        }

        if (value < 0x10000)
        {
            var c = (char)value;
            if (AsciiClosingChars.Contains(c))
            {
                return BreakClass.AsciiClosing;
            }

            if (c is '/' or '-')
            {
                return BreakClass.AlphaBreakAfter;
            }

            if (c is ')' or ']' or '}' || NoLineStart.Contains(c))
            {
                return BreakClass.Closing;
            }

            if (NoLineEnd.Contains(c))
            {
                return BreakClass.Opening;
            }

            // Latin-1, Latin Extended, Greek, Cyrillic, general punctuation: word characters (no break inside runs).
            if (c < 0x2E80 && c != 0x00B7)
            {
                return BreakClass.Alpha;
            }
        }

        return BreakClass.Ideographic;
    }

    /// <summary>May a line end between units of class <paramref name="before"/> and <paramref name="after"/>?</summary>
    public static bool CanBreakBetween(BreakClass before, BreakClass after)
    {
        if (after is BreakClass.Space or BreakClass.Closing or BreakClass.AsciiClosing)
        {
            return false;
        }

        var wordAfter = after is BreakClass.Alpha or BreakClass.AlphaBreakAfter;
        return before switch
        {
            BreakClass.Space => true,
            BreakClass.Opening => false,
            BreakClass.Alpha => !wordAfter,
            BreakClass.AsciiClosing => !wordAfter,
            BreakClass.AlphaBreakAfter => true,
            BreakClass.Dash => after != BreakClass.Dash,
            _ => true,
        };
    }

    /// <summary>
    /// Splits units into lines. Returns [start, end) index ranges; trailing spaces and hard breaks are excluded, and
    /// spaces at the start of a continuation line are skipped. A unit wider than the line gets a line of its own.
    /// </summary>
    public static List<(int Start, int End)> Break(
        IReadOnlyList<double> widths, IReadOnlyList<BreakClass> classes, double firstLineWidth, double otherLinesWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(widths.Count, classes.Count);
        var lines = new List<(int, int)>();
        var n = widths.Count;
        var i = 0;
        var first = true;
        const double tolerance = 0.01;
        while (i < n || first)
        {
            var available = first ? firstLineWidth : otherLinesWidth;
            if (!first)
            {
                while (i < n && classes[i] == BreakClass.Space)
                {
                    i++;
                }

                if (i >= n)
                {
                    break;
                }
            }

            first = false;
            var used = 0.0;
            var j = i;
            while (j < n && classes[j] != BreakClass.HardBreak)
            {
                if (classes[j] != BreakClass.Space && used + widths[j] > available + tolerance)
                {
                    break;
                }

                used += widths[j];
                j++;
            }

            if (j >= n || classes[j] == BreakClass.HardBreak)
            {
                lines.Add((i, TrimEnd(classes, i, j)));
                if (j < n)
                {
                    // A hard break starts a new line even when nothing follows it.
                    i = j + 1;
                    first = i >= n;
                    if (first)
                    {
                        lines.Add((i, i));
                        break;
                    }

                    continue;
                }

                break;
            }

            // Unit j does not fit: find the last legal break at or before j.
            var b = j;
            while (b > i && !CanBreakBetween(classes[b - 1], classes[b]))
            {
                b--;
            }

            if (b == i)
            {
                b = Math.Max(j, i + 1); // no legal break: cut where the line is full
            }

            lines.Add((i, TrimEnd(classes, i, b)));
            i = b;
        }

        return lines;
    }

    /// <summary>Convenience for plain strings (tests, simple measuring): returns the text of each line.</summary>
    public static List<string> BreakText(string text, Func<string, double> measure, double width, double firstLineIndent = 0)
    {
        var units = new List<string>();
        var widths = new List<double>();
        var classes = new List<BreakClass>();
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            units.Add(s);
            classes.Add(Classify(rune));
            widths.Add(rune.Value == '\n' ? 0 : measure(s));
        }

        return Break(widths, classes, width - firstLineIndent, width)
            .Select(r => string.Concat(units.Skip(r.Start).Take(r.End - r.Start)))
            .ToList();
    }

    private static int TrimEnd(IReadOnlyList<BreakClass> classes, int start, int end)
    {
        while (end > start && classes[end - 1] == BreakClass.Space)
        {
            end--;
        }

        return end;
    }
}
