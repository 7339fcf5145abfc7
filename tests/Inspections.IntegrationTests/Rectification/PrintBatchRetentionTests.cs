using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Rectification.Jobs;
using Inspections.Infrastructure.Rectification.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Rectification;

/// <summary>The daily retention job for print batches (merged PDFs kept in the row) — on the real database.</summary>
public sealed class PrintBatchRetentionTests(RectificationWebFactory app) : IClassFixture<RectificationWebFactory>
{
    [Fact]
    public async Task Batches_past_retention_are_deleted_with_an_audit_entry_and_recent_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        PrintBatch Batch(string status, DateTimeOffset created, DateTimeOffset? finished) => new()
        {
            RequestedBy = "retention-clerk", Selection = """{"from":"2026-11-01","to":"2026-11-02"}""", Status = status,
            DocumentsTotal = 3, DocumentsDone = 3, Pages = 4, Pdf = finished is null ? null : [0x25, 0x50, 0x44, 0x46],
            CreatedAt = created, FinishedAt = finished,
        };
        var old = Batch("Done", now.AddDays(-9), now.AddDays(-8));           // finished 8 days ago: deleted (7-day retention)
        var recent = Batch("Done", now.AddDays(-3), now.AddDays(-2));        // finished 2 days ago: kept
        var failed = Batch("Failed", now.AddDays(-10), now.AddDays(-7.5));   // failed 7.5 days ago: deleted
        var stuck = Batch("Running", now.AddDays(-15), null);                // never finished, 15 days: deleted
        var waiting = Batch("Queued", now.AddDays(-10), null);               // never finished, 10 days (< 14): kept
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(old, recent, failed, stuck, waiting);
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            // As Hangfire's SystemJobActivator does for every job.
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<PrintBatchRetentionJob>().RunOnceAsync(CancellationToken.None));
        }

        await using var check = app.Database.CreateContext();
        var left = await check.Set<PrintBatch>().IgnoreQueryFilters().Where(b => b.RequestedBy == "retention-clerk").Select(b => b.Id).ToListAsync();
        Assert.Equal(new[] { recent.Id, waiting.Id }.Order(), left.Order());
        foreach (var gone in new[] { old, failed, stuck })
        {
            var before = await app.Database.ScalarAsync<string>(
                "SELECT before::text FROM audit_log WHERE entity_type = 'PrintBatch' AND entity_id = @p0 AND action = 'Deleted'", gone.Id.ToString());
            Assert.Contains("retention-clerk", before, StringComparison.Ordinal);
            Assert.Contains("retention 7 days", before, StringComparison.Ordinal);
            Assert.Equal("system", await app.Database.ScalarAsync<string>(
                "SELECT user_name FROM audit_log WHERE entity_type = 'PrintBatch' AND entity_id = @p0 AND action = 'Deleted'", gone.Id.ToString()));
        }
        // A second run finds nothing more.
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IActingUser>().ActAsSystem();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PrintBatchRetentionJob>().RunOnceAsync(CancellationToken.None));
        }
    }
}
