using Inspections.Domain.Registry;

namespace Inspections.Domain.Planning;

/// <summary>
/// Everything a street or district may configure. The defaults follow DOMAIN.md and the seed work plans;
/// every value is part of the input fingerprint, so a replay proves the same rules were used.
/// </summary>
public sealed record PlanningSettings
{
    public static PlanningSettings Default { get; } = new();

    /// <summary>Seed 000: at least two comprehensive joint operations per community per month.</summary>
    public int MinOperationsPerJurisdiction { get; init; } = 2;

    /// <summary>Winter and summer holidays (寒暑假) intensify the work.</summary>
    public int HolidayMinOperationsPerJurisdiction { get; init; } = 4;

    public int MaxOperationsPerJurisdiction { get; init; } = 8;

    public int MaxTeamsPerOperation { get; init; } = 6;

    /// <summary>行政处罚法 Art. 42: at least two law-enforcement officers in any inspection.</summary>
    public int MinTeamSize { get; init; } = 2;

    /// <summary>Keeps routes short enough for 2-opt and for a team to finish the paperwork on site.</summary>
    public int MaxVisitsPerTeam { get; init; } = 12;

    public int MaxOperationsPerOfficer { get; init; } = 12;

    public IReadOnlyList<int> HolidayMonths { get; init; } = [1, 2, 7, 8];

    public TimeWindow DayWindow { get; init; } = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public TimeWindow NightWindow { get; init; } = new(new TimeOnly(19, 30), new TimeOnly(23, 30));

    public IReadOnlyList<DayOfWeek> DayOperationDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Evening checks also run at weekends, when minors are most likely in night venues.</summary>
    public IReadOnlyList<DayOfWeek> NightOperationDays { get; init; } =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public IReadOnlyList<DateOnly> DatesToAvoid { get; init; } = ChinaPublicHolidays.Holidays2026;

    /// <summary>Weekend days worked in exchange for a holiday (调休); day operations may be planned on them.</summary>
    public IReadOnlyList<DateOnly> ExtraWorkingDays { get; init; } = ChinaPublicHolidays.MakeUpWorkingDays2026;

    /// <summary>Seed 003: KTVs, internet cafés, bars and hotels at least once a quarter.</summary>
    public IReadOnlyList<VenueType> QuarterlySpecialCheckTypes { get; init; } =
    [
        VenueType.Ktv, VenueType.InternetCafe, VenueType.Bar, VenueType.GameArcade, VenueType.EsportsVenue,
        VenueType.Hotel, VenueType.EsportsHotel,
    ];

    /// <summary>Types whose risk intervals shorten in holiday months.</summary>
    public IReadOnlyList<VenueType> MinorsSensitiveTypes { get; init; } =
    [
        VenueType.Ktv, VenueType.InternetCafe, VenueType.Bar, VenueType.GameArcade, VenueType.EsportsVenue,
        VenueType.Hotel, VenueType.EsportsHotel, VenueType.EscapeRoom,
    ];

    /// <summary>Months between inspections by risk class (双随机 raises frequency with risk).</summary>
    public IReadOnlyDictionary<RiskClass, int> RiskIntervalMonths { get; init; } = new Dictionary<RiskClass, int>
    {
        [RiskClass.A] = 6,
        [RiskClass.B] = 3,
        [RiskClass.C] = 2,
        [RiskClass.D] = 1,
    }.AsReadOnly();

    public IReadOnlyDictionary<RiskClass, int> HolidayRiskIntervalMonths { get; init; } = new Dictionary<RiskClass, int>
    {
        [RiskClass.A] = 3,
        [RiskClass.B] = 2,
        [RiskClass.C] = 1,
        [RiskClass.D] = 1,
    }.AsReadOnly();

    /// <summary>Random visits on top of the mandatory and priority ones, in percent of those.</summary>
    public int RandomVisitPercent { get; init; } = 30;

    /// <summary>Keeps 双随机 alive in a community where nothing is due.</summary>
    public int MinRandomVisitsPerJurisdiction { get; init; } = 2;

    public int NearSchoolMetres { get; init; } = 200;

    public IReadOnlyDictionary<VenueType, int> VisitMinutes { get; init; } = new Dictionary<VenueType, int>
    {
        [VenueType.InternetCafe] = 40,
        [VenueType.EsportsVenue] = 40,
        [VenueType.Ktv] = 45,
        [VenueType.GameArcade] = 30,
        [VenueType.Bar] = 30,
        [VenueType.Hotel] = 40,
        [VenueType.EsportsHotel] = 45,
        [VenueType.TattooShop] = 20,
        [VenueType.TobaccoRetail] = 15,
        [VenueType.TutoringCentre] = 40,
        [VenueType.EscapeRoom] = 35,
    }.AsReadOnly();

    public int DefaultVisitMinutes { get; init; } = 30;

    /// <summary>Road distance over great-circle distance in a dense street grid.</summary>
    public double DetourFactor { get; init; } = 1.3;

    /// <summary>Urban driving speed including parking.</summary>
    public double SpeedKmh { get; init; } = 25;

    /// <summary>Hours in which a venue type may not open by law; a visit never overlaps them.</summary>
    public IReadOnlyDictionary<VenueType, TimeWindow> LegalClosedHours { get; init; } = new Dictionary<VenueType, TimeWindow>
    {
        [VenueType.Ktv] = new(new TimeOnly(2, 0), new TimeOnly(8, 0)),
        [VenueType.GameArcade] = new(new TimeOnly(2, 0), new TimeOnly(8, 0)),
        [VenueType.InternetCafe] = new(new TimeOnly(0, 0), new TimeOnly(8, 0)),
        [VenueType.EsportsVenue] = new(new TimeOnly(0, 0), new TimeOnly(8, 0)),
    }.AsReadOnly();

    public PriorityWeights Weights { get; init; } = new();

    public DepartmentRules DepartmentRules { get; init; } = DepartmentRules.Default;

    public bool IsHolidayMonth(PlanningMonth month) => HolidayMonths.Contains(month.Month);

    public int VisitMinutesFor(VenueType type) => VisitMinutes.TryGetValue(type, out var m) ? m : DefaultVisitMinutes;

    public TimeWindow WindowFor(OperationKind kind) => kind == OperationKind.Day ? DayWindow : NightWindow;
}

/// <summary>
/// Points that order due visits when capacity is short. Follow-ups of earlier findings come first because
/// a lapsed deadline must be re-inspected before escalation; the last month of a quarter makes the
/// quarterly special check urgent.
/// </summary>
public sealed record PriorityWeights
{
    public int OverdueDeadline { get; init; } = 120;

    public int OpenRectification { get; init; } = 80;

    public int Complaint { get; init; } = 60;

    public int ComplaintExtra { get; init; } = 10;

    public int ComplaintExtraCap { get; init; } = 3;

    public int QuarterlySpecialCheck { get; init; } = 50;

    public int QuarterlySpecialCheckFinalMonth { get; init; } = 100;

    public int RiskFrequency { get; init; } = 50;

    /// <summary>Added per class above A, so a due D venue outranks a due A venue.</summary>
    public int RiskClassStep { get; init; } = 10;

    public int NeverInspected { get; init; } = 30;

    public int NearSchool { get; init; } = 30;
}
