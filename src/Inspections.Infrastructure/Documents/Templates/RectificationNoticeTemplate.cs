using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Text;

namespace Inspections.Infrastructure.Documents.Templates;

/// <summary>Layout of 责令（限期）改正通知书 on one A4 page: heading, number, party, text, seal with QR, receipt.</summary>
public static class RectificationNoticeTemplate
{
    private const double Body = 12;
    private const double Small = 10.5;
    private const double BodyLineHeight = 1.5;

    public static DocumentLayout Compose(RectificationNoticeDocument n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var blocks = new List<Block>
        {
            new HeadingBlock(n.IssuingAuthority) { FontSize = 20, LineHeight = 1.3 },
            new HeadingBlock(n.Title) { FontSize = 22, LineHeight = 1.3, SpaceAfter = 2 },
            new ParagraphBlock(n.Number) { FontSize = Body, Align = TextAlign.Right, SpaceAfter = 6 },
            PartyGrid(n.Party),
            Paragraph(Facts(n.FactsFound)) with { SpaceBefore = 4 },
            Paragraph($"你（单位）的上述行为违反了{JoinList(n.ProvisionsBreached)}的规定。依据{n.GeneralLegalBasis}"
                + $"{(n.SpecificLegalBasis.Count > 0 ? "和" + JoinList(n.SpecificLegalBasis) : "")}的规定，现责令你（单位）于"
                + $"{ChineseDates.InChineseNumerals(n.Deadline)}前改正上述违法行为，具体要求如下："),
        };

        for (var i = 0; i < n.Corrections.Count; i++)
        {
            var c = n.Corrections[i];
            var when = c.Deadline is { } d ? $"（{ChineseDates.InChineseNumerals(d)}前完成）" : "（立即改正）";
            var end = i == n.Corrections.Count - 1 ? "。" : "；";
            blocks.Add(Paragraph($"{i + 1}. {c.Action.TrimEnd('。', '；', '，')}{when}{end}"));
        }

        blocks.Add(Paragraph(n.Consequences));
        blocks.Add(Paragraph(
            $"如不服本通知，可以在收到本通知书之日起六十日内向{n.ReviewAuthority}申请行政复议，"
            + $"也可以在六个月内依法向{n.Court}提起行政诉讼。"));
        if (n.ContactPerson is not null || n.ContactPhone is not null)
        {
            blocks.Add(Paragraph($"联系人：{n.ContactPerson}　　联系电话：{n.ContactPhone}"));
        }

        var seal = new SealBlock(n.IssuingAuthority, ChineseDates.InChineseNumerals(n.IssuedOn)) { FontSize = Body };
        Block sealArea = n.VerificationUrl is { } url
            ? new ColumnsBlock(
            [
                new LayoutColumn(1.2, [new QrCodeBlock(url) { SizeMm = 18, Caption = ["扫码核验本通知书", url], CaptionFontSize = 6.5 }]),
                new LayoutColumn(3, [new SpacerBlock(8), seal]),
            ])
            : seal;
        blocks.Add(sealArea with { SpaceBefore = 4, SpaceAfter = 2 });
        blocks.Add(new ParagraphBlock($"本通知书一式两份，一份送达当事人，一份由{n.SelfReference}存档。") { FontSize = 9, SpaceAfter = 2 });
        blocks.Add(new RuleBlock { Dashed = true, SpaceAfter = 4 });
        blocks.Add(Receipt(n.Receipt));

        return new DocumentLayout($"{n.Title}（{n.Number}）", PageSetup.A4Form, blocks)
        {
            Author = n.IssuingAuthority,
            Subject = n.Party.Name,
        };
    }

    private static ParagraphBlock Paragraph(string text) => ParagraphBlock.Body(text, Body) with { LineHeight = BodyLineHeight };

    private static string Facts(string facts)
    {
        var text = facts.Trim();
        return text.StartsWith("经查", StringComparison.Ordinal) ? text : "经查，" + text;
    }

    /// <summary>《A》第五十八条、《A》第六十一条 → joined with 、</summary>
    private static string JoinList(IReadOnlyList<string> items) => string.Join("、", items.Select(i => i.Trim()));

    private static TableBlock PartyGrid(DocumentParty party)
    {
        var rows = new List<TableRow> { TableRow.Of("当事人：", new TableCell(party.Name) { ColSpan = 3 }) };
        Add("统一社会信用代码：", party.UnifiedSocialCreditCode);
        Add("住所（经营场所）：", party.Address);
        if (party.LegalRepresentative is not null || party.Phone is not null)
        {
            rows.Add(TableRow.Of("法定代表人（负责人）：", party.LegalRepresentative ?? "", new TableCell("联系电话：") { Bold = true }, party.Phone ?? ""));
        }

        return new TableBlock([TableColumn.Auto(), TableColumn.Relative(1), TableColumn.Auto(), TableColumn.Relative(1)], rows)
        {
            Borders = false,
            FontSize = Body,
            LineHeight = 1.45,
            PaddingX = 0,
            PaddingY = 0.5,
            BoldLabels = true,
        };

        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                rows.Add(TableRow.Of(label, new TableCell(value) { ColSpan = 3 }));
            }
        }
    }

    private static TableBlock Receipt(NoticeReceipt? r)
    {
        var signedOn = r?.SignedOn is { } d ? ChineseDates.InChineseNumerals(d) : ChineseDates.BlankDate;
        var refusal = new List<TextRun>
        {
            TextRun.Checkbox(r?.Refused == true),
            " 当事人拒绝签收，已在见证人见证下留置送达。情况：",
        };
        refusal.Add(r?.RefusalCircumstances is { Length: > 0 } c ? new TextRun(c, Underline: true) : TextRun.Blank(8));
        var rows = new List<TableRow>
        {
            TableRow.Of(new TableCell([TextRun.Strong("送达回执")]) { ColSpan = 4, Align = TextAlign.Center }),
            new([new TableCell("当事人签收"), new TableCell(r?.SignedBy ?? ""), new TableCell("签收日期"), new TableCell(signedOn)]) { MinLines = 1.4 },
            new([new TableCell("拒收情况"), new TableCell(refusal) { ColSpan = 3 }]),
            new([new TableCell("见证人签名"), new TableCell(r?.Witness ?? ""), new TableCell("送达人签名"), new TableCell(r?.ServedBy ?? "")]) { MinLines = 1.4 },
        };
        return new TableBlock(
            [TableColumn.Auto(), TableColumn.Relative(1), TableColumn.Auto(), TableColumn.Relative(1)],
            rows)
        {
            FontSize = Small,
            BoldLabels = false,
            KeepTogether = true,
        };
    }
}
