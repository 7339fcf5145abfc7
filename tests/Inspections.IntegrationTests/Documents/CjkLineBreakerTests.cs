using Inspections.Infrastructure.Documents.Text;

namespace Inspections.IntegrationTests.Documents;

public sealed class CjkLineBreakerTests
{
    // Han and full-width punctuation one em, ASCII half an em: widths below are in ems.
    private static double Measure(string s) => s[0] < 0x80 ? 0.5 : 1;

    private static List<string> Break(string text, double width, double indent = 0) =>
        CjkLineBreaker.BreakText(text, Measure, width, indent);

    [Fact]
    public void HanTextBreaksBetweenAnyTwoCharacters()
    {
        Assert.Equal(["一二三四", "五六七八", "九"], Break("一二三四五六七八九", 4));
    }

    [Fact]
    public void ClosingPunctuationTakesThePreviousCharacterToTheNextLine()
    {
        Assert.Equal(["一二三", "四，五"], Break("一二三四，五", 4));
        Assert.Equal(["一二三", "四。」五"], Break("一二三四。」五", 4));
    }

    [Fact]
    public void OpeningBracketNeverEndsALine()
    {
        Assert.Equal(["一二三", "（四五）"], Break("一二三（四五）", 4));
        Assert.Equal(["龙华市监责改", "〔2026〕17号"], Break("龙华市监责改〔2026〕17号", 7));
    }

    [Fact]
    public void NumbersAndLatinWordsStayWhole()
    {
        Assert.Equal(["共计", "12345678人"], Break("共计12345678人", 5));
        Assert.Equal(["代码", "91440300MA5G7K2X3B"], Break("代码91440300MA5G7K2X3B", 10));
        Assert.Equal(["圆周率", "3.14等"], Break("圆周率3.14等", 4.5));
    }

    [Fact]
    public void LatinTextBreaksAtSpacesAndDropsThem()
    {
        Assert.Equal(["hello", "world"], Break("hello world", 3));
    }

    [Fact]
    public void AWordLongerThanTheLineIsCutWhereTheLineIsFull()
    {
        Assert.Equal(["ABCD", "EFGH", "IJ"], Break("ABCDEFGHIJ", 2));
    }

    [Fact]
    public void UrlsBreakAfterSlashes()
    {
        Assert.Equal(["https://a.example.cn/", "v/N2026-0017"], Break("https://a.example.cn/v/N2026-0017", 11));
    }

    [Fact]
    public void DoubledDashesAndEllipsesAreNotSplit()
    {
        Assert.Equal(["一二三", "——四"], Break("一二三——四", 4));
        Assert.Equal(["一二", "三……"], Break("一二三……", 4));
    }

    [Fact]
    public void NewlineEndsTheLine()
    {
        Assert.Equal(["一二", "三四"], Break("一二\n三四", 10));
    }

    [Fact]
    public void FirstLineIndentShortensOnlyTheFirstLine()
    {
        Assert.Equal(["一二三", "四五六七八", "九"], Break("一二三四五六七八九", 5, indent: 2));
    }

    [Fact]
    public void EmptyTextIsOneEmptyLine()
    {
        Assert.Equal([""], Break("", 5));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(13)]
    public void NoLineStartsWithClosingOrEndsWithOpeningPunctuation(int width)
    {
        const string text = "经查，你（单位）于2026年11月23日在经营场所内：“未设置‘未成年人禁止进入’标志”；"
            + "前台未核对身份证件（抽查12名，3名无登记）、未登记！是否整改？已告知《中华人民共和国未成年人保护法》"
            + "第五十八条、第五十九条……责令改正——逾期不改。";

        var lines = Break(text, width);

        Assert.Equal(text, string.Concat(lines));
        foreach (var line in lines.Skip(1))
        {
            Assert.DoesNotContain(line[0], CjkLineBreaker.NoLineStart);
        }

        foreach (var line in lines.SkipLast(1))
        {
            Assert.DoesNotContain(line[^1], CjkLineBreaker.NoLineEnd);
            Assert.True(line.Sum(c => Measure(c.ToString())) <= width, $"'{line}' is wider than {width}");
        }
    }
}
