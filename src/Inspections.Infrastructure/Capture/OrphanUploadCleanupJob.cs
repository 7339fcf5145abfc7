using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Capture;

/// <summary>
/// Daily: deletes uploaded photos and signatures that no visit references and that were uploaded more than
/// <see cref="CaptureOptions.OrphanUploadRetentionDays"/> days ago (a tablet uploads a visit's files just before it
/// submits the visit; one that never followed was abandoned or rejected). Race-free with in-flight submissions
/// (<see cref="UploadedFiles"/>): candidates are locked <c>FOR UPDATE SKIP LOCKED</c> (a writer's row is skipped), their
/// files deleted while the rows are still locked (a concurrent re-upload of the same photo waits for the rows and then
/// writes its file again), and the rows deleted by a second statement that checks the references once more. Should
/// the commit fail after the files were deleted, the rows outlive their files until the next run; the sync treats
/// such a row as a missing upload (422 missing-photos), and the tablet's upload writes the file again.
/// Uploads are not audited (content-addressed, ADR 12), so neither is their removal; the count is logged.
/// </summary>
public sealed class OrphanUploadCleanupJob(
    NpgsqlDataSource dataSource,
    IOptions<CaptureOptions> options,
    IHostEnvironment env,
    TimeProvider clock,
    ILogger<OrphanUploadCleanupJob> logger)
{
    public const string RecurringJobId = "capture.orphan-upload-cleanup";

    public const string Cron = "45 3 * * *";

    private const string Unreferenced = """
        NOT EXISTS (SELECT 1 FROM visit_photos p WHERE p.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM visit_signatures s WHERE s.sha256 = b.sha256)
        """;

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass (at most 5,000 files); returns how many uploads were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, o.OrphanUploadRetentionDays));
        var root = PhotoStore.ResolveRoot(o, env.ContentRootPath);
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var candidates = new List<(string Sha256, string Path)>();
        await using (var select = new NpgsqlCommand($"""
            SELECT b.sha256, b.stored_path FROM capture_blobs b
            WHERE b.uploaded_at < $1 AND {Unreferenced}
            ORDER BY b.uploaded_at LIMIT 5000
            FOR UPDATE SKIP LOCKED
            """, c, tx) { Parameters = { new() { Value = cutoff } } })
        await using (var r = await select.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                candidates.Add((r.GetString(0), r.GetString(1)));
            }
        }
        if (candidates.Count == 0)
        {
            return 0;
        }
        // A new statement sees what committed meanwhile: a visit that referenced a candidate before it was locked.
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        await using (var delete = new NpgsqlCommand($"""
            DELETE FROM capture_blobs b WHERE b.sha256 = ANY($1::character(64)[]) AND {Unreferenced} RETURNING b.sha256
            """, c, tx) { Parameters = { new() { Value = candidates.Select(x => x.Sha256).ToArray() } } })
        await using (var r = await delete.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                deleted.Add(r.GetString(0));
            }
        }
        foreach (var (sha, path) in candidates.Where(x => deleted.Contains(x.Sha256)))
        {
            var full = Path.GetFullPath(Path.Combine(root, path));
            if (full.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(full))
            {
                File.Delete(full);
            }
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Deleted {Count} uploads no visit referenced (older than {Cutoff:u})", deleted.Count, cutoff);
        return deleted.Count;
    }
}
