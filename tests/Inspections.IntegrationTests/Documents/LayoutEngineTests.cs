using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.IntegrationTests.Documents;

/// <summary>Pagination corner cases of the layout engine, through the public layout model.</summary>
public sealed class LayoutEngineTests
{
    private static byte[] Render(params Block[] blocks)
    {
        var layout = new DocumentLayout("测试", PageSetup.A4Form, blocks);
        var task = Task.Run(() => Renderers.Default.RenderToArray(layout));
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "rendering did not finish (pagination loop?)");
        return task.Result;
    }

    [Fact]
    public void AKeepTogetherTableTallerThanAPageStillEnds()
    {
        var huge = string.Concat(Enumerable.Repeat("现场检查情况客观描述。", 400));
        var table = new TableBlock([TableColumn.Relative(1), TableColumn.Relative(4)], [TableRow.Of("事项", huge), TableRow.Of("后", "结尾")])
        {
            KeepTogether = true,
        };

        var pdf = Render(new ParagraphBlock("前文"), table);

        Assert.InRange(Poppler.PageCount(pdf), 2, 10);
        Assert.Contains("结尾", Poppler.Squeeze(Poppler.RawText(pdf)));
    }

    [Fact]
    public void AHeadingIsNotLeftAloneAtTheBottomOfAPage()
    {
        var filler = Enumerable.Range(0, 36).Select(i => (Block)new ParagraphBlock($"第{i + 1}行填充文字。") { FontSize = 12, LineHeight = 1.6 });
        var heading = new ParagraphBlock([TextRun.Strong("小标题")]) { KeepWithNext = true };
        var body = ParagraphBlock.Body(string.Concat(Enumerable.Repeat("正文内容。", 60)));

        var pages = Poppler.PagesText(Render([.. filler, heading, body])).Select(Poppler.Squeeze).ToList();

        var headingPage = pages.FindIndex(p => p.Contains("小标题", StringComparison.Ordinal));
        Assert.True(headingPage >= 0);
        Assert.Contains("正文内容", pages[headingPage]);
    }

    [Fact]
    public void APageBreakBlockStartsANewPage()
    {
        var pdf = Render(new ParagraphBlock("第一页"), new PageBreakBlock(), new ParagraphBlock("第二页"));

        var pages = Poppler.PagesText(pdf).Select(Poppler.Squeeze).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("第二页", pages[1]);
        Assert.DoesNotContain("第二页", pages[0]);
    }

    [Fact]
    public void CentredAndRightAlignedTextStaysInsideTheMargins()
    {
        var pdf = Render(
            new HeadingBlock(string.Concat(Enumerable.Repeat("很长的标题", 12))),
            new ParagraphBlock("龙华市监责改〔2026〕17号") { Align = TextAlign.Right });

        var text = Poppler.Squeeze(Poppler.RawText(pdf));
        Assert.Contains("龙华市监责改〔2026〕17号", text);
        Assert.Contains(string.Concat(Enumerable.Repeat("很长的标题", 12)), text);
    }
}
