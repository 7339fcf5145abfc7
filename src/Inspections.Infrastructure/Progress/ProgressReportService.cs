using Inspections.Domain.Progress;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Dashboard;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Progress;

/// <summary>What a progress table shows: the stored texts (or an unsaved blank) and the figures computed now.</summary>
public sealed record ProgressReportView(
    Guid StreetId, string StreetName, int Year, int Month, ProgressReport? Stored, DashboardFigures Figures, IReadOnlyList<ProgressReminder> Reminders)
{
    public ProgressReportStatus Status => Stored?.Status ?? ProgressReportStatus.Draft;

    public DateOnly DueDate => new(Year, Month, ProgressReport.DueDay);

    public ProgressSection Section(ProgressTask task) => Stored?.Section(task) ?? new ProgressSection(string.Empty, string.Empty, string.Empty);
}

public enum ProgressSaveOutcome
{
    Saved,
    Created,
    NotFound,
    PreconditionRequired,
    Stale,
}

/// <summary>
/// Reads and writes the monthly progress tables (per street and month). Texts are edited with optimistic concurrency
/// (xmin, If-Match) and audited by the interceptor; the figures come from <see cref="DashboardQueries"/>, the same
/// statements as the dashboard.
/// </summary>
public sealed class ProgressReportService(InspectionsDbContext db, DashboardQueries dashboard, IUserScope scope, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Null when the street is not the user's (or not a street).</summary>
    public async Task<ProgressReportView?> GetAsync(Guid streetId, int year, int month, CancellationToken ct)
    {
        var s = await dashboard.ResolveScopeAsync(streetId, ct);
        if (s is null || s.StreetId != streetId)
        {
            return null;
        }
        var stored = await db.Set<ProgressReport>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.StreetJurisdictionId == streetId && r.Year == year && r.Month == month, ct);
        var figures = await dashboard.GetAsync(s, year, month, ct);
        var reminders = await db.Set<ProgressReminder>().AsNoTracking()
            .Where(r => r.StreetJurisdictionId == streetId && r.Year == year && r.Month == month)
            .OrderByDescending(r => r.RemindedOn).ToListAsync(ct);
        return new ProgressReportView(streetId, s.Name, year, month, stored, figures, reminders);
    }

    /// <summary>
    /// Creates the table (no version expected) or replaces its texts (the version read must match). Returns the saved
    /// report's version. Throws <see cref="Domain.Common.DomainException"/> for texts that break the rules.
    /// </summary>
    public async Task<(ProgressSaveOutcome Outcome, ProgressReport? Report)> SaveAsync(
        Guid streetId, int year, int month, IReadOnlyDictionary<ProgressTask, ProgressSection> sections, bool ifMatchPresent, uint? expectedVersion, CancellationToken ct)
    {
        if (!await IsOwnStreetAsync(streetId, ct))
        {
            return (ProgressSaveOutcome.NotFound, null);
        }
        var now = clock.GetUtcNow();
        var report = await db.Set<ProgressReport>()
            .SingleOrDefaultAsync(r => r.StreetJurisdictionId == streetId && r.Year == year && r.Month == month, ct);
        if (report is null)
        {
            report = new ProgressReport(Guid.Empty, streetId, year, month, user.UserName, now);
            report.Edit(sections, user.UserName, now);
            db.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone created it at the same moment: the caller reads it again and resubmits with its ETag.
                db.ChangeTracker.Clear();
                return (ProgressSaveOutcome.Stale, null);
            }
            return (ProgressSaveOutcome.Created, report);
        }
        if (!ifMatchPresent)
        {
            return (ProgressSaveOutcome.PreconditionRequired, report);
        }
        if (expectedVersion != report.Version)
        {
            return (ProgressSaveOutcome.Stale, report);
        }
        report.Edit(sections, user.UserName, now);
        return await SaveOrStaleAsync(report, ct);
    }

    public async Task<(ProgressSaveOutcome Outcome, ProgressReport? Report)> SubmitAsync(
        Guid streetId, int year, int month, bool ifMatchPresent, uint? expectedVersion, CancellationToken ct)
    {
        if (!await IsOwnStreetAsync(streetId, ct))
        {
            return (ProgressSaveOutcome.NotFound, null);
        }
        var report = await db.Set<ProgressReport>()
            .SingleOrDefaultAsync(r => r.StreetJurisdictionId == streetId && r.Year == year && r.Month == month, ct);
        if (report is null)
        {
            return (ProgressSaveOutcome.NotFound, null);
        }
        if (!ifMatchPresent)
        {
            return (ProgressSaveOutcome.PreconditionRequired, report);
        }
        if (expectedVersion != report.Version)
        {
            return (ProgressSaveOutcome.Stale, report);
        }
        report.Submit(user.UserName, clock.GetUtcNow());
        return await SaveOrStaleAsync(report, ct);
    }

    private async Task<(ProgressSaveOutcome, ProgressReport?)> SaveOrStaleAsync(ProgressReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return (ProgressSaveOutcome.Saved, report);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<ProgressReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == report.Id, ct);
            return (ProgressSaveOutcome.Stale, current);
        }
    }

    /// <summary>Writes need the street itself in the user's owned jurisdictions (a community lead reads, does not write).</summary>
    private async Task<bool> IsOwnStreetAsync(Guid streetId, CancellationToken ct)
    {
        if (!scope.Covers(streetId))
        {
            return false;
        }
        var choices = await dashboard.ChoicesAsync(ct);
        return choices.Any(c => c.Id == streetId && c.IsStreet);
    }
}
