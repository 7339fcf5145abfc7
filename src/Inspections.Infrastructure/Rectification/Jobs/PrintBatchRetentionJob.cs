using System.Text.Json;
using Hangfire;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Rectification.Jobs;

/// <summary>
/// Daily, in Asia/Shanghai: deletes the print batches (the merged PDF lives in the row) that finished more than
/// <see cref="RectificationOptions.PrintBatchRetentionDays"/> days ago, and those that never finished within twice that.
/// The documents themselves are rendered from live data and can be printed again at any time. Rows are deleted by key
/// without reading their PDFs; each deletion gets its audit entry (who asked for what, when, how it ended).
/// </summary>
public sealed class PrintBatchRetentionJob(
    InspectionsDbContext db,
    ICurrentUser user,
    IOptions<RectificationOptions> options,
    TimeProvider clock,
    ILogger<PrintBatchRetentionJob> logger)
{
    public const string RecurringJobId = "rectification.print-batch-retention";

    public const string Cron = "15 3 * * *";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass; returns how many batches were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var days = Math.Max(1, options.Value.PrintBatchRetentionDays);
        var now = clock.GetUtcNow();
        var finishedBefore = now.AddDays(-days);
        var abandonedBefore = now.AddDays(-2 * days);
        var strategy = db.Database.CreateExecutionStrategy();
        var deleted = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var expired = db.Set<PrintBatch>().IgnoreQueryFilters()
                .Where(b => (b.FinishedAt != null && b.FinishedAt < finishedBefore) || (b.FinishedAt == null && b.CreatedAt < abandonedBefore));
            var rows = await expired
                .Select(b => new { b.Id, b.RequestedBy, b.Selection, b.Status, b.DocumentsTotal, b.Pages, b.CreatedAt, b.FinishedAt })
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                return 0;
            }
            var ids = rows.Select(r => r.Id).ToList();
            await db.Set<PrintBatch>().IgnoreQueryFilters().Where(b => ids.Contains(b.Id)).ExecuteDeleteAsync(ct);
            foreach (var r in rows)
            {
                db.Add(new AuditEntry
                {
                    At = now,
                    // The system under Hangfire (SystemJobActivator), as in every other job's audit entries.
                    UserName = user.UserName,
                    EntityType = nameof(PrintBatch),
                    EntityId = r.Id.ToString(),
                    Action = AuditActions.Deleted,
                    Before = JsonSerializer.Serialize(new
                    {
                        r.RequestedBy, r.Status, r.DocumentsTotal, r.Pages, r.CreatedAt, r.FinishedAt,
                        Selection = JsonDocument.Parse(r.Selection).RootElement,
                        Reason = $"retention {days} days",
                    }, AuditJson.Options),
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return rows.Count;
        });
        logger.LogInformation("Deleted {Count} print batches past their {Days}-day retention", deleted, days);
        return deleted;
    }
}
