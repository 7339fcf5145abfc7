using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Text;

namespace Inspections.IntegrationTests.Documents;

public sealed class ChineseDatesTests
{
    [Theory]
    [InlineData(2026, 11, 23, "二〇二六年十一月二十三日")]
    [InlineData(2020, 1, 1, "二〇二〇年一月一日")]
    [InlineData(2026, 10, 10, "二〇二六年十月十日")]
    [InlineData(2031, 12, 31, "二〇三一年十二月三十一日")]
    [InlineData(2008, 2, 20, "二〇〇八年二月二十日")]
    [InlineData(2026, 6, 15, "二〇二六年六月十五日")]
    public void DatesUseChineseNumeralsWithLingForZero(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, ChineseDates.InChineseNumerals(new DateOnly(year, month, day)));
    }

    [Fact]
    public void RecordTimesUseArabicNumeralsAndRepeatTheDateOnlyWhenItChanges()
    {
        Assert.Equal("2026年11月23日14时30分至15时05分",
            ChineseDates.Span(new DateTime(2026, 11, 23, 14, 30, 0), new DateTime(2026, 11, 23, 15, 5, 0)));
        Assert.Equal("2026年11月23日23时30分至2026年11月24日0时40分",
            ChineseDates.Span(new DateTime(2026, 11, 23, 23, 30, 0), new DateTime(2026, 11, 24, 0, 40, 0)));
    }

    [Fact]
    public void DocumentNumbersUseHexagonalBrackets()
    {
        Assert.Equal("龙华市监责改〔2026〕17号", DocumentNumber.Format("龙华市监责改", 2026, 17));
    }
}
