using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Samples;

namespace Inspections.IntegrationTests.Documents;

public sealed class BatchPrintingTests
{
    private static readonly IPrintableDocument[] Documents =
    [
        SpecimenDocuments.Notice(1), SpecimenDocuments.Record(items: 20), SpecimenDocuments.RouteSheet(stops: 25),
    ];

    [Fact]
    public void ABatchHasThePagesOfAllItsDocumentsEachNumberedOnItsOwn()
    {
        var separate = Documents.Select(d => Poppler.PageCount(Renderers.Default.RenderToArray(d))).ToArray();
        var progress = new RecordingProgress();

        var pdf = Renderers.Default.RenderBatchToArray(Documents, progress: progress);

        Assert.Equal(separate.Sum(), Poppler.PageCount(pdf));
        Assert.Equal([1, 2, 3], progress.Reports.Select(r => r.DocumentsDone));
        Assert.All(progress.Reports, r => Assert.Equal(3, r.DocumentsTotal));
        Assert.Equal(separate.Sum(), progress.Reports[^1].PagesSoFar);
        var pages = Poppler.PagesText(pdf).Select(Poppler.Squeeze).ToList();
        Assert.Contains("第1页共1页", pages[0]);
        Assert.Contains($"第1页共{separate[1]}页", pages[1]);
        Assert.Contains($"第1页共{separate[2]}页", pages[1 + separate[1]]);
    }

    [Fact]
    public void TheResultTellsWhereEachDocumentStarts()
    {
        using var output = new MemoryStream();

        var result = Renderers.Default.RenderBatch(Documents, output);

        Assert.Equal(1, result.Documents[0].FirstPage);
        for (var i = 1; i < result.Documents.Count; i++)
        {
            Assert.Equal(result.Documents[i - 1].FirstPage + result.Documents[i - 1].PageCount, result.Documents[i].FirstPage);
        }

        Assert.Equal(result.PageCount, result.Documents.Sum(d => d.PageCount));
    }

    [Fact]
    public void ForDuplexPrintingEveryDocumentStartsOnAnOddPage()
    {
        using var output = new MemoryStream();

        var result = Renderers.Default.RenderBatch(Documents, output, new PdfBatchOptions { StartDocumentsOnOddPages = true });

        Assert.All(result.Documents, d => Assert.Equal(1, d.FirstPage % 2));
        Assert.Equal(result.PageCount, Poppler.PageCount(output.ToArray()));
    }

    [Fact]
    public void ExistingPdfsAreMergedInOrder()
    {
        var pdfs = Documents.Select(Renderers.Default.RenderToArray).ToList();
        using var output = new MemoryStream();
        var progress = new RecordingProgress();

        var result = Renderers.Default.Merge(pdfs.Select(p => (Stream)new MemoryStream(p)).ToList(), output, progress);

        var merged = output.ToArray();
        Assert.Equal(pdfs.Sum(Poppler.PageCount), Poppler.PageCount(merged));
        Assert.Equal(result.PageCount, Poppler.PageCount(merged));
        Assert.Equal(3, progress.Reports.Count);
        var text = Poppler.Squeeze(Poppler.RawText(merged));
        Assert.True(text.IndexOf("龙华市监责改〔2026〕1号", StringComparison.Ordinal) < text.IndexOf("民治综执笔〔2026〕208号", StringComparison.Ordinal));
        Assert.True(text.IndexOf("民治综执笔〔2026〕208号", StringComparison.Ordinal) < text.IndexOf("联合检查路线单", StringComparison.Ordinal));
    }

    [Fact]
    public void ALandscapeTableRepeatsItsHeaderOnEveryPage()
    {
        var pdf = Renderers.Default.RenderToArray(SpecimenDocuments.RouteSheet(stops: 40));

        var pages = Poppler.PagesText(pdf).Select(Poppler.Squeeze).ToList();

        Assert.True(pages.Count >= 2);
        Assert.All(pages, p => Assert.Contains("序号场所名称类型地址", p));
        Assert.Contains("星光网络会所40号店", pages[^1]);
    }

    [Fact]
    public void ARowTallerThanAPageIsSplitByLinesAndContinuesUnderTheRepeatedHeader()
    {
        var longText = string.Concat(Enumerable.Range(1, 160).Select(i => $"第{i}段：现场检查发现的情况逐条记录如下，均为客观描述。"));
        var table = new TableDocument
        {
            Title = "超长单元格",
            Columns = [new("事项", 1), new("情况", 4)],
            Rows = [["前", "短行"], ["长", longText], ["后", "结尾行"]],
        };

        var pdf = Renderers.Default.RenderToArray(table);

        var pages = Poppler.RawPagesText(pdf).Select(Poppler.Squeeze).ToList();
        Assert.True(pages.Count >= 3, $"expected the long row to need several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.Contains("事项情况", p));
        Assert.Contains("第1段：", pages[0]);
        Assert.Contains("第160段：", string.Concat(pages.Skip(1)));
        Assert.Contains("结尾行", pages[^1]);
        // "段：" cannot be split ("：" never starts a line): all 160 pieces came out, none lost at a page break.
        Assert.Equal(160, System.Text.RegularExpressions.Regex.Count(string.Concat(pages), "段："));
    }

    [Fact]
    public void OneRendererServesManyThreadsAtOnce()
    {
        var expected = Poppler.Squeeze(Poppler.RawText(Renderers.Default.RenderToArray(SpecimenDocuments.Notice(5))));

        var pdfs = new byte[16][];
        Parallel.For(0, pdfs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            pdfs[i] = Renderers.Default.RenderToArray(i % 2 == 0 ? SpecimenDocuments.Notice(5) : SpecimenDocuments.Record(items: 12)));

        for (var i = 0; i < pdfs.Length; i += 2)
        {
            Assert.Equal(expected, Poppler.Squeeze(Poppler.RawText(pdfs[i])));
        }

        Assert.All(pdfs.Where((_, i) => i % 2 == 1), pdf => Assert.Equal(2, Poppler.PageCount(pdf)));
    }

    [Fact]
    public void MergingNeedsNoFont()
    {
        var pdf = Renderers.Default.RenderToArray(SpecimenDocuments.Notice());
        var renderer = new Infrastructure.Documents.PdfSharp.PdfSharpRenderer(() => throw new InvalidOperationException("no font here"));
        using var output = new MemoryStream();

        var result = renderer.Merge([new MemoryStream(pdf), new MemoryStream(pdf)], output);

        Assert.Equal(2, result.PageCount);
    }

    private sealed class RecordingProgress : IProgress<PdfBatchProgress>
    {
        public List<PdfBatchProgress> Reports { get; } = [];

        public void Report(PdfBatchProgress value) => Reports.Add(value);
    }
}
