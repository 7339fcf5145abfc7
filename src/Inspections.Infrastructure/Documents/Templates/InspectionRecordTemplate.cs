using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Text;

namespace Inspections.Infrastructure.Documents.Templates;

/// <summary>Layout of 现场笔录: a boxed header grid, the formalities, the table of checked items, comments and signatures.</summary>
public static class InspectionRecordTemplate
{
    private const double Body = 12;
    private const double Small = 10.5;

    public static DocumentLayout Compose(InspectionRecordDocument r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var blocks = new List<Block>
        {
            new HeadingBlock(r.IssuingAuthority) { FontSize = 18 },
            new HeadingBlock(r.Title) { FontSize = 22, SpaceAfter = r.Number is null ? 8 : 0 },
        };
        if (r.Number is not null)
        {
            blocks.Add(new ParagraphBlock(r.Number) { FontSize = Body, Align = TextAlign.Right, SpaceAfter = 6 });
        }

        blocks.Add(HeaderGrid(r));
        blocks.AddRange(Formalities(r));
        blocks.Add(new ParagraphBlock([TextRun.Strong("现场检查情况")]) { FontSize = Body, SpaceBefore = 6, SpaceAfter = 3, KeepWithNext = true });
        blocks.Add(ItemsTable(r.Items));
        if (!string.IsNullOrWhiteSpace(r.OtherObservations))
        {
            blocks.Add(ParagraphBlock.Body([TextRun.Strong("其他情况："), r.OtherObservations]) with { SpaceBefore = 6 });
        }

        blocks.Add(Closing(r) with { SpaceBefore = 8 });

        var furniture = new PageFurniture
        {
            SignatureLine =
            [
                "当事人签名：", TextRun.Blank(8), "　　执法人员签名：", TextRun.Blank(6), "　", TextRun.Blank(6),
            ],
        };
        return new DocumentLayout($"{r.Title}（{r.Party.Name}）", PageSetup.A4Form, blocks)
        {
            Author = r.IssuingAuthority,
            Subject = r.Party.Name,
            Furniture = furniture,
        };
    }

    private static TableBlock HeaderGrid(InspectionRecordDocument r)
    {
        var officers = string.Join("\n", r.Officers.Select(o => $"{o.Name}（{o.Department}，执法证号：{o.EnforcementIdNumber}）"));
        var p = r.PersonPresent;
        var person = p.Role is null ? p.Name : $"{p.Name}（{p.Role}）";
        var rows = new List<TableRow>
        {
            TableRow.Of("检查时间", Span3(ChineseDates.Span(r.StartedAt, r.EndedAt))),
            TableRow.Of("检查地点", Span3(r.Place)),
            TableRow.Of("执法人员", Span3(officers)),
            TableRow.Of("当事人", Span3(r.Party.Name)),
            TableRow.Of("统一社会信用代码", r.Party.UnifiedSocialCreditCode ?? "", "法定代表人\n（负责人）", r.Party.LegalRepresentative ?? ""),
            TableRow.Of("住所（经营场所）", Span3(r.Party.Address ?? "")),
            TableRow.Of("现场负责人", person, "联系电话", p.Phone ?? r.Party.Phone ?? ""),
            p.IdentityNumber is null
                ? TableRow.Of("记录人", Span3(r.Recorder ?? ""))
                : TableRow.Of("记录人", r.Recorder ?? "", "身份证件号码", p.IdentityNumber),
        };

        return new TableBlock(
            [TableColumn.Auto(TextAlign.Center), TableColumn.Relative(1.6), TableColumn.Auto(TextAlign.Center), TableColumn.Relative(1)],
            rows)
        {
            FontSize = Small,
            BoldLabels = false,
            RepeatHeader = false,
        };

        static TableCell Span3(string text) => new(text) { ColSpan = 3 };
    }

    private static IEnumerable<Block> Formalities(InspectionRecordDocument r)
    {
        var names = string.Join("、", r.Officers.Select(o => o.Name));
        yield return ParagraphBlock.Body(
        [
            TextRun.Checkbox(r.IdentificationShown),
            $" 执法人员{names}已向当事人出示执法证件，表明身份，并说明了检查的依据和内容。",
        ], Body) with { SpaceBefore = 8 };
        yield return ParagraphBlock.Body(
        [
            TextRun.Strong("告知："),
            $"我们是{r.IssuingAuthority}的执法人员，现依法对你（单位）进行检查，请予配合。"
            + "执法人员与你（单位）有直接利害关系或者有其他关系可能影响公正执法的，你（单位）有权申请回避。",
        ], Body);
        yield return ParagraphBlock.Body([TextRun.Strong("问："), "你（单位）是否申请执法人员回避？"], Body);
        yield return ParagraphBlock.Body(
        [
            TextRun.Strong("答："),
            (r.RecusalAnswer ?? (r.RecusalRequested ? "申请回避。" : "不申请回避。")) + "　（",
            TextRun.Checkbox(r.RecusalRequested), "申请回避　", TextRun.Checkbox(!r.RecusalRequested), "不申请回避）",
        ], Body);
    }

    private static TableBlock ItemsTable(IReadOnlyList<CheckedItem> items)
    {
        var rows = new List<TableRow>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var what = new List<TextRun> { item.Item };
            if (item.Basis is { Length: > 0 } basis)
            {
                what.Add(new TextRun("\n" + basis) { Muted = true });
            }

            rows.Add(TableRow.Of(
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new TableCell(what),
                item.Observation,
                Result(item.Result),
                string.Join("\n", item.PhotoRefs)));
        }

        return new TableBlock(
            [
                TableColumn.Ems(2.2, TextAlign.Center), TableColumn.Relative(2.3), TableColumn.Relative(4.2),
                TableColumn.Ems(3.2, TextAlign.Center), TableColumn.Ems(4.2, TextAlign.Center),
            ],
            rows)
        {
            HeaderRows = [TableRow.Of("序号", "检查事项", "现场情况（客观描述）", "结果", "照片")],
            FontSize = Small,
        };
    }

    private static string Result(CheckResult result) => result switch
    {
        CheckResult.Compliant => "符合",
        CheckResult.NonCompliant => "不符合",
        _ => "不适用",
    };

    /// <summary>Signatures side by side, each with the signer's name under it.</summary>
    private static TableCell Signed(params CellFigure[] figures) => new(Array.Empty<TextRun>()) { Figures = figures, Align = TextAlign.Center };

    private static TableBlock Closing(InspectionRecordDocument r)
    {
        var s = r.Signatures;
        var comments = r.PartyComments is { Length: > 0 } text
            ? new TableCell(text) { ColSpan = 3 }
            : new TableCell([new TextRun("（当事人核对笔录后写明“以上笔录我已看过，与事实相符”或其他意见，并签名）") { Muted = true }]) { ColSpan = 3 };
        var refused = new List<TextRun> { TextRun.Checkbox(s?.PartyRefused == true), " 当事人拒绝签名，由见证人签名" };
        var date = s?.SignedOn is { } d ? ChineseDates.InArabicNumerals(d) : ChineseDates.BlankDate;
        var party = s switch
        {
            { PartyRefused: true } => new TableCell("拒绝签字"),
            { PartyImage: { } image } => Signed(new CellFigure(image, s.Party ?? "")),
            _ => new TableCell(s?.Party ?? ""),
        };
        var officers = s is { Officers.Count: > 0 }
            ? Signed([.. s.Officers.Select(o => new CellFigure(o.Image, o.Name))])
            : new TableCell("");
        var witness = s is { WitnessImage: { } w } ? Signed(new CellFigure(w, s.Witness ?? "")) : new TableCell(s?.Witness ?? "");
        var rows = new List<TableRow>
        {
            new([new TableCell("当事人意见"), comments]) { MinLines = 3 },
            new([new TableCell("当事人签名"), party, new TableCell("日期"), new TableCell(date)]) { MinLines = 1.6 },
            new([new TableCell("执法人员签名"), officers, new TableCell("记录人签名"), new TableCell("")]) { MinLines = 1.6 },
            new([new TableCell(refused) { ColSpan = 2 }, new TableCell("见证人签名"), witness]) { MinLines = 1.6 },
        };
        return new TableBlock(
            [TableColumn.Auto(TextAlign.Center), TableColumn.Relative(1.4), TableColumn.Auto(TextAlign.Center), TableColumn.Relative(1)],
            rows)
        {
            FontSize = Small,
            KeepTogether = true,
        };
    }
}
