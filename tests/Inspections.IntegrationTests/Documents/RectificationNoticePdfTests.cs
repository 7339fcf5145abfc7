using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Samples;
using Inspections.Infrastructure.Documents.Text;

namespace Inspections.IntegrationTests.Documents;

/// <summary>The notice rendered to PDF and read back with poppler: every field must come out as text.</summary>
public sealed class RectificationNoticePdfTests
{
    private static readonly RectificationNoticeDocument Notice = SpecimenDocuments.Notice(17);
    private static readonly Lazy<byte[]> Pdf = new(() => Renderers.Default.RenderToArray(Notice));

    [Fact]
    public void EveryFieldOfTheNoticeIsExtractableText()
    {
        var text = Poppler.Squeeze(Poppler.RawText(Pdf.Value));

        string[] expected =
        [
            "深圳市龙华区市场监督管理局", "责令（限期）改正通知书", "龙华市监责改〔2026〕17号",
            Notice.Party.Name, "91440300MA5G7K2X3B", "深圳市龙华区民治街道民康路88号星光大厦二楼201室", "陈志强", "0755-28336617",
            "经查，2026年11月23日14时30分", "3名无登记记录",
            "违反了《中华人民共和国未成年人保护法》第五十八条、第五十九条第一款、《互联网上网服务营业场所管理条例》第二十三条的规定",
            "依据《中华人民共和国行政处罚法》第二十八条第一款和《中华人民共和国未成年人保护法》第一百二十三条的规定",
            "于二〇二六年十一月三十日前改正上述违法行为",
            "1.在经营场所入口处显著位置设置“未成年人禁止进入”标志（立即改正）；",
            "（二〇二六年十一月三十日前完成）。",
            "逾期不改正的，本局将依据",
            "六十日内向深圳市龙华区人民政府申请行政复议", "六个月内依法向深圳市龙华区人民法院提起行政诉讼",
            "联系人：林晓东", "（印章）", "二〇二六年十一月二十三日",
            "扫码核验本通知书", "https://inspections.longhua.example.cn/v/N2026-0017-7QK3",
            "送达回执", "当事人签收", "签收日期", "当事人拒绝签收", "见证人签名", "送达人签名",
            "第1页共1页",
        ];
        foreach (var piece in expected)
        {
            Assert.Contains(Poppler.Squeeze(piece), text);
        }

        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void NoticeFitsOnePageWellUnderTheSizeLimit()
    {
        Assert.Equal(1, Poppler.PageCount(Pdf.Value));
        Assert.InRange(Pdf.Value.Length, 10_000, 300 * 1024);
    }

    [Fact]
    public void OneSubsetUnicodeFontIsEmbedded()
    {
        var fonts = Poppler.Fonts(Pdf.Value).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

        // name  type  encoding  emb sub uni  object ID — one font only: ASCII did not go into a second WinAnsi font.
        var font = Assert.Single(fonts);
        Assert.Matches(@"^[A-Z]{6}\+Noto Sans SC Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s", font);
    }

    [Fact]
    public void NoPrintedLineStartsWithClosingPunctuation()
    {
        var lines = Poppler.Text(Pdf.Value).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

        Assert.All(lines, line => Assert.DoesNotContain(line[0], CjkLineBreaker.NoLineStart));
    }

    [Fact]
    public void AnElectronicallySignedReceiptIsPrintedFilledIn()
    {
        var signed = Notice with
        {
            Receipt = new NoticeReceipt { Refused = true, RefusalCircumstances = "当事人拒绝签字", Witness = "赵敏", ServedBy = "林晓东、黄海燕" },
        };

        var text = Poppler.Squeeze(Poppler.RawText(Renderers.Default.RenderToArray(signed)));

        Assert.Contains("✓当事人拒绝签收", text);
        Assert.Contains("当事人拒绝签字", text);
        Assert.Contains("赵敏", text);
        Assert.Contains("林晓东、黄海燕", text);
    }

    [Fact]
    public void WithoutAVerificationUrlThereIsNoQrCaption()
    {
        var text = Poppler.Squeeze(Poppler.RawText(Renderers.Default.RenderToArray(Notice with { VerificationUrl = null })));

        Assert.DoesNotContain("扫码核验", text);
        Assert.Contains("二〇二六年十一月二十三日", text);
    }
}
