using System.Globalization;

namespace Inspections.Domain.Planning;

public static class ReasonCodes
{
    public const string QuarterlySpecialCheck = "Mandatory.QuarterlySpecialCheck";
    public const string RiskFrequency = "Mandatory.RiskFrequency";
    public const string HolidayIntensified = "Mandatory.HolidayIntensified";
    public const string OverdueDeadline = "Priority.OverdueDeadline";
    public const string OpenRectification = "Priority.OpenRectification";
    public const string Complaint = "Priority.Complaint";
    public const string NeverInspected = "Priority.NeverInspected";
    public const string NearSchool = "Priority.NearSchool";
    public const string RandomDraw = "Random.Draw";
    public const string ManualMove = "Manual.Moved";
    public const string ManualAdd = "Manual.Added";

    /// <summary>The order reasons are listed in on a visit.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        QuarterlySpecialCheck, RiskFrequency, HolidayIntensified, OverdueDeadline, OpenRectification, Complaint,
        NeverInspected, NearSchool, RandomDraw, ManualMove, ManualAdd,
    ];
}

public static class UnplannedCauses
{
    public const string Capacity = "Unplanned.Capacity";
    public const string NoDepartmentOfficer = "Unplanned.NoDepartmentOfficer";
    public const string NoOpeningWindow = "Unplanned.NoOpeningWindow";
    public const string UnknownJurisdiction = "Unplanned.UnknownJurisdiction";
    public const string RemovedByLead = "Unplanned.RemovedByLead";
}

public static class ViolationCodes
{
    public const string TeamTooSmall = "Team.TooSmall";
    public const string MissingDepartment = "Team.MissingDepartment";
    public const string OverCapacity = "Team.OverCapacity";
    public const string TimingInfeasible = "Team.TimingInfeasible";
    public const string RecusedOfficer = "Officer.Recused";
    public const string DoubleBooked = "Officer.DoubleBooked";
    public const string OnLeave = "Officer.OnLeave";
    public const string UnknownOfficer = "Officer.Unknown";
    public const string OutsideStreet = "Officer.OutsideStreet";
    public const string OutsideOpeningHours = "Visit.OutsideOpeningHours";
    public const string LegalClosingHours = "Visit.LegalClosingHours";
    public const string UnknownVenue = "Visit.UnknownVenue";
    public const string VenueNotOperating = "Visit.VenueNotOperating";
    public const string OutsideJurisdiction = "Visit.OutsideJurisdiction";
    public const string DuplicateVisit = "Visit.Duplicate";
    public const string UnknownJurisdiction = "Operation.UnknownJurisdiction";
    public const string OutsideMonth = "Operation.OutsideMonth";
    public const string TooFewOperations = "Jurisdiction.TooFewOperations";
}

/// <summary>Chinese and English texts for reason, cause and violation codes; {0} is the code's value.</summary>
public static class PlanningTexts
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        [ReasonCodes.QuarterlySpecialCheck] = ("季度专项检查（KTV、网吧、酒吧、宾馆等每季度至少一次）", "Quarterly special check (KTVs, internet cafés, bars, hotels at least once a quarter)"),
        [ReasonCodes.RiskFrequency] = ("按风险等级检查频次到期（每{0}个月）", "Due by risk class (every {0} months)"),
        [ReasonCodes.HolidayIntensified] = ("寒暑假期间加密检查", "Intensified in the school holidays"),
        [ReasonCodes.OverdueDeadline] = ("整改期限已过，需复查", "Rectification deadline passed: re-inspection due"),
        [ReasonCodes.OpenRectification] = ("有未完成的整改", "Open rectification"),
        [ReasonCodes.Complaint] = ("有{0}件投诉待核查", "{0} complaint(s) to follow up"),
        [ReasonCodes.NeverInspected] = ("从未检查", "Never inspected"),
        [ReasonCodes.NearSchool] = ("邻近学校", "Near a school"),
        [ReasonCodes.RandomDraw] = ("双随机抽取（第{0}次抽取）", "Random draw (draw #{0})"),
        [ReasonCodes.ManualMove] = ("由负责人调整", "Moved by the lead"),
        [ReasonCodes.ManualAdd] = ("由负责人加入", "Added by the lead"),
        [UnplannedCauses.RemovedByLead] = ("由负责人移出本月计划", "Removed from the month's plan by the lead"),
        [UnplannedCauses.Capacity] = ("本月人力不足，顺延", "Not enough officers this month; carried over"),
        [UnplannedCauses.NoDepartmentOfficer] = ("街道缺少所需部门的执法人员", "The street has no officer of a required department"),
        [UnplannedCauses.NoOpeningWindow] = ("营业时间与行动时段不重合", "Opening hours do not overlap any operation window"),
        [UnplannedCauses.UnknownJurisdiction] = ("场所不属于任何参与计划的社区", "The venue belongs to no planned community"),
        [ViolationCodes.TeamTooSmall] = ("检查组执法人员少于两人", "Fewer than two officers in the team"),
        [ViolationCodes.MissingDepartment] = ("检查组缺少场所类型所需的部门", "The team lacks a department the venue type needs"),
        [ViolationCodes.OverCapacity] = ("路线超出行动时段或站点上限", "The route overruns the operation window or stop limit"),
        [ViolationCodes.TimingInfeasible] = ("到达时间不足以完成上一站及路程", "Arrival leaves no time for the previous stop and travel"),
        [ViolationCodes.RecusedOfficer] = ("执法人员与场所有利害关系，应回避", "The officer has declared a conflict with the venue"),
        [ViolationCodes.DoubleBooked] = ("执法人员同一天被安排两次", "The officer is booked twice on one day"),
        [ViolationCodes.OnLeave] = ("执法人员当天不在岗", "The officer is unavailable that day"),
        [ViolationCodes.UnknownOfficer] = ("未知执法人员", "Unknown officer"),
        [ViolationCodes.OutsideStreet] = ("执法人员不属于该街道", "The officer does not serve this street"),
        [ViolationCodes.OutsideOpeningHours] = ("检查时间不在营业时间内", "The visit falls outside the opening hours"),
        [ViolationCodes.LegalClosingHours] = ("检查时间处于法定停业时段", "The visit falls in legally closed hours"),
        [ViolationCodes.UnknownVenue] = ("未知场所", "Unknown venue"),
        [ViolationCodes.VenueNotOperating] = ("场所未在营业", "The venue is not operating"),
        [ViolationCodes.OutsideJurisdiction] = ("场所不属于该社区", "The venue belongs to another community"),
        [ViolationCodes.DuplicateVisit] = ("同一场所本月被重复安排", "The venue is planned twice this month"),
        [ViolationCodes.UnknownJurisdiction] = ("未知社区", "Unknown community"),
        [ViolationCodes.OutsideMonth] = ("行动日期不在本月", "The operation date is outside the month"),
        [ViolationCodes.TooFewOperations] = ("社区本月联合行动少于规定次数", "The community has fewer joint operations than required"),
    };

    public static string Chinese(string code, int? value = null) => Format(code, value, zh: true);

    public static string English(string code, int? value = null) => Format(code, value, zh: false);

    private static string Format(string code, int? value, bool zh)
    {
        if (!Texts.TryGetValue(code, out var text))
        {
            return code;
        }
        var template = zh ? text.Zh : text.En;
        return string.Format(CultureInfo.InvariantCulture, template, value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
    }
}
