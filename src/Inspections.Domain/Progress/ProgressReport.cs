using Inspections.Domain.Common;

namespace Inspections.Domain.Progress;

/// <summary>The four tasks of the monthly progress table (seed 000, 附件2): 大宣传, 大排查, 大执法, 大整治.</summary>
public enum ProgressTask
{
    Publicity,
    Investigation,
    Enforcement,
    Rectification,
}

public enum ProgressReportStatus
{
    Draft,
    Submitted,
}

/// <summary>
/// One street's monthly progress table (月度工作进度表), due before the 20th of the month it reports on. The figures
/// (重点数据) are computed from the data when the table is shown or printed; only the text parts are stored: for each
/// task the progress (工作进展情况), a note next to the computed figures and the next steps (下一步工作计划).
/// </summary>
public sealed class ProgressReport : Entity
{
    public const int MaxTextLength = 2000;

    /// <summary>Reports are due before this day of the month (seed 000: 每月20日前).</summary>
    public const int DueDay = 20;

    private ProgressReport()
    {
        PublicityProgress = PublicityData = PublicityNext = string.Empty;
        InvestigationProgress = InvestigationData = InvestigationNext = string.Empty;
        EnforcementProgress = EnforcementData = EnforcementNext = string.Empty;
        RectificationProgress = RectificationData = RectificationNext = string.Empty;
        UpdatedBy = string.Empty;
    }

    public ProgressReport(Guid id, Guid streetJurisdictionId, int year, int month, string user, DateTimeOffset now)
        : this()
    {
        if (month is < 1 or > 12)
        {
            throw new DomainException("progress.month", "Month must be 1–12.");
        }
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("progress.year", "Year must be 2000–2100.");
        }
        Id = id == Guid.Empty ? Guid.CreateVersion7() : id;
        StreetJurisdictionId = streetJurisdictionId;
        Year = year;
        Month = month;
        Status = ProgressReportStatus.Draft;
        UpdatedBy = user;
        CreatedAt = UpdatedAt = now;
    }

    public Guid StreetJurisdictionId { get; private set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    public ProgressReportStatus Status { get; private set; }

    public string PublicityProgress { get; private set; }

    public string PublicityData { get; private set; }

    public string PublicityNext { get; private set; }

    public string InvestigationProgress { get; private set; }

    public string InvestigationData { get; private set; }

    public string InvestigationNext { get; private set; }

    public string EnforcementProgress { get; private set; }

    public string EnforcementData { get; private set; }

    public string EnforcementNext { get; private set; }

    public string RectificationProgress { get; private set; }

    public string RectificationData { get; private set; }

    public string RectificationNext { get; private set; }

    public string UpdatedBy { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>The day before which the report is due (the 20th of its month), as a calendar date in China.</summary>
    public DateOnly DueDate => new(Year, Month, DueDay);

    public ProgressSection Section(ProgressTask task) => task switch
    {
        ProgressTask.Publicity => new(PublicityProgress, PublicityData, PublicityNext),
        ProgressTask.Investigation => new(InvestigationProgress, InvestigationData, InvestigationNext),
        ProgressTask.Enforcement => new(EnforcementProgress, EnforcementData, EnforcementNext),
        _ => new(RectificationProgress, RectificationData, RectificationNext),
    };

    /// <summary>Replaces the text parts. A submitted report can still be corrected; it stays submitted.</summary>
    public void Edit(IReadOnlyDictionary<ProgressTask, ProgressSection> sections, string user, DateTimeOffset now)
    {
        foreach (var (task, s) in sections)
        {
            var progress = Clean(s.Progress, $"{task}.progress");
            var data = Clean(s.DataNote, $"{task}.dataNote");
            var next = Clean(s.NextSteps, $"{task}.nextSteps");
            switch (task)
            {
                case ProgressTask.Publicity:
                    (PublicityProgress, PublicityData, PublicityNext) = (progress, data, next);
                    break;
                case ProgressTask.Investigation:
                    (InvestigationProgress, InvestigationData, InvestigationNext) = (progress, data, next);
                    break;
                case ProgressTask.Enforcement:
                    (EnforcementProgress, EnforcementData, EnforcementNext) = (progress, data, next);
                    break;
                default:
                    (RectificationProgress, RectificationData, RectificationNext) = (progress, data, next);
                    break;
            }
        }
        UpdatedBy = user;
        Touch(now);
    }

    /// <summary>Submits the report to the office (未保办). Every task needs its progress text.</summary>
    public void Submit(string user, DateTimeOffset now)
    {
        var missing = Enum.GetValues<ProgressTask>().Where(t => string.IsNullOrWhiteSpace(Section(t).Progress)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("progress.incomplete", $"Progress text is missing for: {string.Join(", ", missing)}.");
        }
        Status = ProgressReportStatus.Submitted;
        SubmittedBy = user;
        SubmittedAt = now;
        UpdatedBy = user;
        Touch(now);
    }

    private static string Clean(string? text, string field)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length > MaxTextLength)
        {
            throw new DomainException("progress.too_long", $"{field} is longer than {MaxTextLength} characters.");
        }
        return t;
    }
}

public sealed record ProgressSection(string? Progress, string? DataNote, string? NextSteps);
