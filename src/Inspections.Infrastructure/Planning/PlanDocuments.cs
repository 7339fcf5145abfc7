using System.Globalization;
using Inspections.Domain.Planning;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.Infrastructure.Planning;

/// <summary>Printable route sheets (one A4 page set per team) and the monthly plan, on the shared table template.</summary>
public static class PlanDocuments
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One route sheet per team of the operation; null when the operation is not on the plan.</summary>
    public static IReadOnlyList<TableDocument>? RouteSheets(PlanDetails plan, Guid operationId)
    {
        var op = plan.Operations.FirstOrDefault(o => o.Id == operationId);
        if (op is null)
        {
            return null;
        }
        return [.. op.Teams.Select(team => new TableDocument
        {
            Title = "联合检查路线单",
            Subtitle =
            [
                $"街道：{plan.Plan.StreetName}　社区：{op.JurisdictionName}　行动：第{op.Number}次（{Kind(op.Kind)}）　第{team.Number}组",
                $"日期：{op.Date.Year}年{op.Date.Month}月{op.Date.Day}日　时段：{op.Start:HH\\:mm}–{op.End:HH\\:mm}　计划状态：{Status(plan.Plan.Status)}",
                $"执法人员：{string.Join("、", team.Officers.Select(o => $"{o.Name}（{o.Department}）"))}",
            ],
            Orientation = PageOrientation.Portrait,
            FontSize = 9.5,
            NumberRows = true,
            Columns =
            [
                new("场所", 1.9),
                new("地址", 2.2),
                new("到达", 1.0, TextAlign.Center),
                new("停留(分)", 0.9, TextAlign.Right),
                new("路程(米)", 0.9, TextAlign.Right),
                new("抽取理由", 3.6),
                new("检查结果", 1.1),
            ],
            Rows = [.. team.Visits.Select(v => (IReadOnlyList<string>)
            [
                v.VenueName ?? v.VenueId.ToString(),
                v.VenueAddress ?? string.Empty,
                v.ArrivalAt.ToString("HH:mm", Invariant),
                v.DurationMinutes.ToString(Invariant),
                v.TravelMetres.ToString("N0", Invariant),
                string.Join("\n", v.Reasons.Select(r => r.Chinese)),
                string.Empty,
            ])],
            Notes =
            [
                $"共 {team.Visits.Count} 处场所，总路程约 {team.Visits.Sum(v => v.TravelMetres):N0} 米。路程为估算道路距离，从社区办公地点出发。",
                $"计划编号 {plan.Plan.Id}，随机种子 {plan.Plan.Seed}，输入指纹 {plan.Plan.InputFingerprint[..Math.Min(16, plan.Plan.InputFingerprint.Length)]}…，可公开复核。",
            ],
            SignOffLabels = ["带队负责人签字", "执法人员签字", "日期"],
            Author = plan.Plan.StreetName,
        })];
    }

    /// <summary>The whole month: one row per team of each operation.</summary>
    public static TableDocument MonthlyPlan(PlanDetails plan) => new()
    {
        Title = $"{plan.Plan.Year}年{plan.Plan.Month}月联合检查计划",
        Subtitle =
        [
            $"街道：{plan.Plan.StreetName}　状态：{Status(plan.Plan.Status)}{(plan.Plan.ApprovedBy is { } by ? $"（{by} 审批）" : string.Empty)}",
            $"行动 {plan.Operations.Count} 次，检查 {plan.Plan.Visits} 处，未能安排 {plan.Unplanned.Count} 处；随机种子 {plan.Plan.Seed}",
        ],
        Orientation = PageOrientation.Landscape,
        FontSize = 9,
        Columns =
        [
            new("行动", 0.6, TextAlign.Center),
            new("日期", 1.0),
            new("时段", 1.0),
            new("社区", 1.4),
            new("组", 0.4, TextAlign.Center),
            new("执法人员", 2.4),
            new("场所（按路线顺序）", 5.0),
        ],
        Rows = [.. from o in plan.Operations
                   from t in o.Teams
                   select (IReadOnlyList<string>)
                   [
                       o.Number.ToString(Invariant),
                       $"{o.Date:yyyy-MM-dd}",
                       $"{o.Start:HH\\:mm}–{o.End:HH\\:mm}\n{Kind(o.Kind)}",
                       o.JurisdictionName ?? string.Empty,
                       t.Number.ToString(Invariant),
                       string.Join("、", t.Officers.Select(x => x.Name)),
                       string.Join("；", t.Visits.Select(v => $"{v.Sequence}.{v.VenueName}")),
                   ]],
        Notes = ["场所的抽取理由、路线与时间见各行动的路线单；计划可凭随机种子和输入复核（公开复核接口）。"],
        SignOffLabels = ["编制", "审核", "审批日期"],
        Author = plan.Plan.StreetName,
    };

    private static string Kind(OperationKind kind) => kind switch
    {
        OperationKind.Night => "夜查",
        OperationKind.HolidayCampaign => "寒暑假专项",
        _ => "日间",
    };

    private static string Status(PlanStatus status) => status switch
    {
        PlanStatus.Approved => "已审批",
        PlanStatus.Superseded => "已作废",
        _ => "草稿",
    };
}
