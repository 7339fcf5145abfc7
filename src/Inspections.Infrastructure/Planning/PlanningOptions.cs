namespace Inspections.Infrastructure.Planning;

public sealed class PlanningOptions
{
    public const string Section = "Planning";

    /// <summary>Cron (in <see cref="TimeZone"/>) of the monthly draft of next month's plans: the 25th at 02:00.</summary>
    public string MonthlyDraftCron { get; set; } = "0 2 25 * *";

    /// <summary>Cron (in <see cref="TimeZone"/>) of the daily reminders of tomorrow's operations: 18:00.</summary>
    public string DailyRemindersCron { get; set; } = "0 18 * * *";

    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Register the recurring jobs at start-up of the web host; tests turn it off.</summary>
    public bool RegisterRecurringJobs { get; set; } = true;

    /// <summary>Streets planned at once by the monthly job (each on its own connection); default: the processor count.</summary>
    public int? Parallelism { get; set; }

    /// <summary>Test seam: throw after writing this many visits of a plan, to prove a failed write leaves nothing.</summary>
    public int? FailAfterVisits { get; set; }
}
