using System.Globalization;
using Inspections.Domain.Progress;
using Inspections.Infrastructure.Dashboard;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Progress;
using Microsoft.Extensions.Localization;

namespace Inspections.Web.Dashboard;

/// <summary>The dashboard for the leadership meeting and the monthly progress table, as Chinese A4 landscape PDFs.</summary>
public static class DashboardDocuments
{
    public static IPrintableDocument Dashboard(DashboardFigures f, string scopeName, IStringLocalizer zh, DateTimeOffset now)
    {
        var blocks = new List<Block>
        {
            new HeadingBlock("未成年人保护联合检查工作看板") { FontSize = 20, SpaceAfter = 2 },
            new ParagraphBlock($"范围：{scopeName}　　统计周期：{f.Year}年{f.Month}月（覆盖率按第{f.Quarter}季度）　　生成时间：{now.ToOffset(DashboardQueries.ChinaOffset):yyyy年M月d日 HH:mm}")
            {
                FontSize = 10.5, Align = TextAlign.Center,
            },
        };
        if (f.MissingSources.Count > 0)
        {
            blocks.Add(new ParagraphBlock($"说明：尚无数据来源 {string.Join("、", f.MissingSources)}，相关数字按 0 计。") { FontSize = 9 });
        }

        var t = f.Totals;
        blocks.Add(Section("一、主要数据"));
        blocks.Add(Table(
            ["联合行动（完成/计划）", "计划检查（完成/计划）", "实际检查（家次）", "检查场所（家）", "发现问题（项）", "下发通知书（份）", "当前逾期（份）"],
            [[
                $"{t.OperationsDone}/{t.OperationsPlanned}", $"{t.PlannedVisitsDone}/{t.VisitsPlanned}", N(t.Visits), N(t.VenuesVisited), N(t.FailedItems),
                N(f.Funnel.Issued), N(f.Overdue.Count),
            ]], center: true));

        var number = 2;
        foreach (var chart in DashboardCharts.Build(f, zh))
        {
            var (header, rows) = chart.AsTable();
            blocks.Add(Section($"{Chinese(number++)}、{chart.Title}"));
            blocks.Add(rows.Count == 0 ? new ParagraphBlock("（本期无数据）") { FontSize = 10.5 } : Table(header, rows));
        }
        var (oh, or) = DashboardCharts.OverdueTable(f, zh);
        blocks.Add(Section($"{Chinese(number)}、逾期未整改清单"));
        blocks.Add(or.Count == 0 ? new ParagraphBlock("（无逾期通知书）") { FontSize = 10.5 } : Table(oh, or));

        return new DocumentLayout($"工作看板 {f.Year}年{f.Month}月", PageSetup.A4LandscapeTable, blocks);
    }

    public static TableDocument ProgressTable(ProgressReportView v, DateTimeOffset now)
    {
        var rows = Enum.GetValues<ProgressTask>().Select(task =>
        {
            var s = v.Section(task);
            var computed = ProgressFigures.KeyData(task, v.Figures);
            var data = string.Join("\n", new[] { computed, s.DataNote }.Where(x => !string.IsNullOrWhiteSpace(x)));
            return (IReadOnlyList<string>)[ProgressFigures.TaskNames[task], s.Progress ?? string.Empty, data, s.NextSteps ?? string.Empty];
        }).ToList();
        var status = v.Status == ProgressReportStatus.Submitted && v.Stored?.SubmittedAt is { } at
            ? $"已报送（{at.ToOffset(DashboardQueries.ChinaOffset):yyyy年M月d日}）"
            : "未报送";
        return new TableDocument
        {
            Title = $"{v.StreetName}未成年人保护月度工作进度表",
            Subtitle = [$"填报单位（盖章）：{v.StreetName}　　统计周期：{v.Year}年{v.Month}月　　报送期限：{v.Year}年{v.Month}月{ProgressReport.DueDay}日前　　状态：{status}"],
            Columns =
            [
                new TableDocumentColumn("工作任务", 0.7, TextAlign.Center),
                new TableDocumentColumn("工作进展情况", 3),
                new TableDocumentColumn("重点数据", 2.6),
                new TableDocumentColumn("下一步工作计划", 2.4),
            ],
            Rows = rows,
            Orientation = PageOrientation.Landscape,
            FontSize = 10.5,
            Notes = [$"重点数据由系统按检查记录、整改通知书自动统计（{now.ToOffset(DashboardQueries.ChinaOffset):yyyy年M月d日 HH:mm}），与工作看板口径一致。"],
            SignOffLabels = ["填表人", "审核人", "填报日期"],
            Author = v.StreetName,
        };
    }

    private static ParagraphBlock Section(string title) => new(title) { FontSize = 13, Bold = true, SpaceBefore = 8, KeepWithNext = true };

    private static TableBlock Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, bool center = false)
    {
        var columns = header.Select((_, i) => i == 0 && !center ? TableColumn.Relative(2) : TableColumn.Relative(1, TextAlign.Center)).ToList();
        return new TableBlock(columns, [.. rows.Select(r => new TableRow([.. r.Select(c => new TableCell(c))]))])
        {
            HeaderRows = [new TableRow([.. header.Select(h => new TableCell(h) { Bold = true })])],
            FontSize = 10,
            SpaceBefore = 3,
        };
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Chinese(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十", _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
