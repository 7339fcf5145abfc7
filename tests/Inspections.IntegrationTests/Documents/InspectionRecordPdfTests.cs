using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Samples;

namespace Inspections.IntegrationTests.Documents;

public sealed class InspectionRecordPdfTests
{
    private static readonly InspectionRecordDocument Record = SpecimenDocuments.Record(items: 30);
    private static readonly Lazy<byte[]> Pdf = new(() => Renderers.Default.RenderToArray(Record));

    [Fact]
    public void LongRecordRunsOverSeveralPagesWithPageNumbers()
    {
        var pages = Poppler.PagesText(Pdf.Value);

        Assert.True(pages.Count >= 3, $"expected at least 3 pages, got {pages.Count}");
        Assert.Equal(pages.Count, Poppler.PageCount(Pdf.Value));
        for (var p = 0; p < pages.Count; p++)
        {
            Assert.Contains($"第{p + 1}页共{pages.Count}页", Poppler.Squeeze(pages[p]));
        }
    }

    [Fact]
    public void EveryPageHasTheSignatureLine()
    {
        Assert.All(Poppler.PagesText(Pdf.Value), page =>
        {
            var text = Poppler.Squeeze(page);
            Assert.Contains("当事人签名：", text);
            Assert.Contains("执法人员签名：", text);
        });
    }

    [Fact]
    public void TheItemTableHeaderIsRepeatedOnEveryPageTheTableContinuesOn()
    {
        var pages = Poppler.PagesText(Pdf.Value).Select(Poppler.Squeeze).ToList();
        var withRows = pages.Where(p => p.Contains("照片", StringComparison.Ordinal) && p.Contains("符合", StringComparison.Ordinal)).ToList();

        Assert.True(withRows.Count >= 2);
        Assert.All(withRows, p => Assert.Contains("现场情况（客观描述）", p));
    }

    [Fact]
    public void ARowThatFitsOnAPageIsNeverSplitBetweenPages()
    {
        var pages = Poppler.RawPagesText(Pdf.Value).Select(Poppler.Squeeze).ToList();

        Assert.All(Record.Items, item => Assert.Contains(pages, p => p.Contains(Poppler.Squeeze(item.Observation), StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryFieldOfTheRecordIsExtractableText()
    {
        var text = Poppler.Squeeze(Poppler.RawText(Pdf.Value));

        List<string> expected =
        [
            "深圳市龙华区民治街道综合行政执法队", "现场笔录", "民治综执笔〔2026〕208号",
            "2026年11月23日14时30分至15时40分", Record.Place,
            Record.Party.Name, "91440300MA5G7K2X3B", "陈志强", "王丽（店长）", "13826510042", "记录人", "黄海燕",
            "✓执法人员林晓东、黄海燕、周建国已向当事人出示执法证件",
            "有权申请回避", "你（单位）是否申请执法人员回避？", "答：不申请回避。", "✓不申请回避",
            "其他情况：", "MZ-ZF-0023", "当事人意见", "见证人签名", "当事人拒绝签名",
        ];
        expected.AddRange(Record.Officers.Select(o => $"{o.Name}（{o.Department}，执法证号：{o.EnforcementIdNumber}）"));
        expected.AddRange(Record.Items.Select(i => i.Observation));
        expected.AddRange(Record.Items.SelectMany(i => i.PhotoRefs));
        foreach (var piece in expected)
        {
            Assert.Contains(Poppler.Squeeze(piece), text);
        }

        Assert.DoesNotContain('\uFFFD', text);
    }
}
