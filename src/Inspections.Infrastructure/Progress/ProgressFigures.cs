using System.Globalization;
using Inspections.Domain.Progress;
using Inspections.Infrastructure.Dashboard;

namespace Inspections.Infrastructure.Progress;

/// <summary>
/// The 重点数据 of the progress table, written out in Chinese from the dashboard's figures (the same statements), so the
/// table a street submits always agrees with the dashboard shown at the meeting.
/// </summary>
public static class ProgressFigures
{
    public static readonly IReadOnlyDictionary<ProgressTask, string> TaskNames = new Dictionary<ProgressTask, string>
    {
        [ProgressTask.Publicity] = "大宣传",
        [ProgressTask.Investigation] = "大排查",
        [ProgressTask.Enforcement] = "大执法",
        [ProgressTask.Rectification] = "大整治",
    };

    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.Ordinal)
    {
        ["Ktv"] = "KTV", ["InternetCafe"] = "网吧", ["Bar"] = "酒吧", ["Hotel"] = "旅馆",
    };

    /// <summary>Minimum joint operations a month (seed 000: 每月综合行动不少于两次).</summary>
    public const int MinimumOperations = 2;

    public static string KeyData(ProgressTask task, DashboardFigures f)
    {
        var t = f.Totals;
        var inv = CultureInfo.InvariantCulture;
        return task switch
        {
            ProgressTask.Publicity => string.Empty,
            ProgressTask.Investigation => string.Format(inv,
                "检查场所{0}家；计划检查{1}家次，已完成{2}家次（{3}）；本季度重点场所检查覆盖率：{4}",
                t.VenuesVisited, t.VisitsPlanned, t.PlannedVisitsDone, Rate(t.PlannedVisitsDone, t.VisitsPlanned),
                string.Join("，", DashboardQueries.QuarterlySpecialCheckTypes.Select(type =>
                    f.Coverage.FirstOrDefault(c => c.VenueType == type) is { } c
                        ? $"{TypeNames[type]}{c.Covered}/{c.Venues}（{Rate(c.Covered, c.Venues)}）"
                        : $"{TypeNames[type]}0/0"))),
            ProgressTask.Enforcement => string.Format(inv,
                "开展联合执法行动{0}次（计划{1}次，每月不少于{2}次：{3}）；检查{4}家次，其中临时/投诉检查{5}家次；发现问题{6}项，涉及{7}家次",
                t.OperationsDone, t.OperationsPlanned, MinimumOperations, t.OperationsDone >= MinimumOperations ? "已达标" : "未达标",
                t.Visits, t.AdHocVisits, t.FailedItems, t.VisitsWithFindings),
            _ => string.Format(inv,
                "下发整改通知书{0}份，已送达{1}份，整改到位{2}份，逾期{3}份，移送立案{4}份；当前逾期未整改{5}份",
                f.Funnel.Issued, f.Funnel.Served, f.Funnel.Rectified, f.Funnel.Overdue, f.Funnel.Escalated, f.Overdue.Count),
        };
    }

    private static string Rate(int done, int of) =>
        of == 0 ? "—" : (100.0 * done / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
