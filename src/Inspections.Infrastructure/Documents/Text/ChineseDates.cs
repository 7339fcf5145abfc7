using System.Globalization;

namespace Inspections.Infrastructure.Documents.Text;

/// <summary>
/// Dates as printed on documents. Seals and signatures use Chinese numerals with 〇 for zero
/// (二〇二六年十一月二十三日); times in records use Arabic numerals (2026年11月23日14时05分).
/// </summary>
public static class ChineseDates
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>二〇二六年十一月二十三日: the year digit by digit, month and day as numbers (十, 十一, 二十, 三十一).</summary>
    public static string InChineseNumerals(DateOnly date) =>
        $"{YearDigits(date.Year)}年{SmallNumber(date.Month)}月{SmallNumber(date.Day)}日";

    /// <summary>2026年11月23日</summary>
    public static string InArabicNumerals(DateOnly date) =>
        date.ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    /// <summary>2026年11月23日14时05分</summary>
    public static string DateTimeInArabicNumerals(DateTime time) =>
        time.ToString("yyyy'年'M'月'd'日'H'时'mm'分'", CultureInfo.InvariantCulture);

    /// <summary>14时05分</summary>
    public static string TimeInArabicNumerals(DateTime time) =>
        time.ToString("H'时'mm'分'", CultureInfo.InvariantCulture);

    /// <summary>"2026年11月23日14时30分至15时10分", with the end date repeated when it is another day.</summary>
    public static string Span(DateTime start, DateTime end) =>
        start.Date == end.Date
            ? $"{DateTimeInArabicNumerals(start)}至{TimeInArabicNumerals(end)}"
            : $"{DateTimeInArabicNumerals(start)}至{DateTimeInArabicNumerals(end)}";

    /// <summary>Blank date for handwriting: "　　年　　月　　日".</summary>
    public const string BlankDate = "　　　　年　　月　　日";

    /// <summary>二〇二六: each digit of the year.</summary>
    public static string YearDigits(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        return string.Concat(year.ToString(CultureInfo.InvariantCulture).Select(c => Digits[c - '0']));
    }

    /// <summary>1–99 as a Chinese number: 一, 十, 十一, 二十, 二十三.</summary>
    public static string SmallNumber(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 99);
        var tens = value / 10;
        var units = value % 10;
        var head = tens switch
        {
            0 => "",
            1 => "十",
            _ => Digits[tens] + "十",
        };
        return units == 0 ? head : head + Digits[units];
    }
}
