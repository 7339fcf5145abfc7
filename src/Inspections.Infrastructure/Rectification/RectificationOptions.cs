using Inspections.Domain.Rectification;

namespace Inspections.Infrastructure.Rectification;

/// <summary>Configuration section "Rectification" (local wording, number format, deadlines and reminders).</summary>
public sealed class RectificationOptions
{
    public const string Section = "Rectification";

    /// <summary>Tokens {prefix}, {year}, {serial} (see <see cref="NoticeNumberFormat"/>).</summary>
    public string NumberFormat { get; set; } = NoticeNumberFormat.Default;

    /// <summary>Document code appended to the department's short name, e.g. 龙华市监 + 责改.</summary>
    public string DocumentCode { get; set; } = "责改";

    public string SelfReference { get; set; } = "本局";

    public string ConsequencesTemplate { get; set; } = "逾期不改正的，{0}将依据{1}的规定依法予以行政处罚。";

    /// <summary>Where administrative review is applied for (60 days).</summary>
    public string ReviewAuthority { get; set; } = "本级人民政府";

    /// <summary>Where a lawsuit is filed (6 months).</summary>
    public string Court { get; set; } = "有管辖权的人民法院";

    /// <summary>Absolute base URL printed in the QR code, e.g. https://inspections.example.cn (no trailing slash).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Daily deadline job (Hangfire cron, in <see cref="TimeZone"/>).</summary>
    public string DailyCron { get; set; } = "30 6 * * *";

    /// <summary>Remind the responsible officers this many days before a deadline.</summary>
    public int ReminderDaysBefore { get; set; } = 2;

    /// <summary>Finished print batches (their merged PDFs) are deleted this many days after they finished (daily job).</summary>
    public int PrintBatchRetentionDays { get; set; } = 7;

    /// <summary>An overdue notice without any re-inspection is escalated after this many days.</summary>
    public int EscalateAfterOverdueDays { get; set; } = 7;

    public NoticeTexts Texts() => new()
    {
        DocumentCode = DocumentCode,
        SelfReference = SelfReference,
        ConsequencesTemplate = ConsequencesTemplate,
        ReviewAuthority = ReviewAuthority,
        Court = Court,
    };
}
