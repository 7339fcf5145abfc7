namespace Inspections.Infrastructure.Progress;

/// <summary>
/// A reminder that a street's progress table is not submitted yet: at most one per street and day (the daily job is
/// idempotent through the unique key). Leads see the open reminders on the progress page; the job also logs them.
/// </summary>
public sealed class ProgressReminder
{
    private ProgressReminder()
    {
        Recipients = string.Empty;
    }

    public ProgressReminder(Guid streetJurisdictionId, int year, int month, DateOnly remindedOn, string recipients, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        StreetJurisdictionId = streetJurisdictionId;
        Year = year;
        Month = month;
        RemindedOn = remindedOn;
        Recipients = recipients;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid StreetJurisdictionId { get; private set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    public DateOnly RemindedOn { get; private set; }

    /// <summary>User names of the street's enforcement leads, comma-separated.</summary>
    public string Recipients { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
