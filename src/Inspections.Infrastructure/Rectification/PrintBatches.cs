using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Rectification.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Inspections.Infrastructure.Rectification;

/// <summary>A team of a planned joint operation: the operation's id and the team's number in it (第N组).</summary>
public sealed record PrintTeam(Guid OperationId, int Number);

/// <summary>
/// What to print: a day or a date range (visit date, Asia/Shanghai), optionally one department kind, one community, one plan
/// team, notices and/or records.
/// </summary>
public sealed record PrintSelection
{
    public DateOnly From { get; init; }

    public DateOnly To { get; init; }

    public DepartmentKind? DepartmentKind { get; init; }

    public Guid? JurisdictionId { get; init; }

    /// <summary>Only the visits of this team (and their notices); see <c>DocumentSources.TeamVisitIdsAsync</c>.</summary>
    public PrintTeam? Team { get; init; }

    public bool Notices { get; init; } = true;

    public bool Records { get; init; }

    /// <summary>Include drafts (printed with 草稿 instead of a number).</summary>
    public bool IncludeDrafts { get; init; }
}

public sealed record PrintBatchState(Guid Id, string Status, int DocumentsDone, int DocumentsTotal, int Pages, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, long? Bytes);

/// <summary>Batch printing: a request row, a Hangfire job that renders one merged PDF and writes progress, and the download.</summary>
public sealed class PrintBatchService(InspectionsDbContext db, ICurrentUser user, IUserScope scope, IBackgroundJobClient jobs)
{
    public const int MaxDocuments = 2000;

    public async Task<Guid> RequestAsync(PrintSelection selection, CancellationToken ct)
    {
        var batch = new PrintBatch
        {
            RequestedBy = user.UserName,
            Selection = JsonSerializer.Serialize(selection),
            ScopeJurisdictionIds = scope.IsUnrestricted ? null : [.. scope.JurisdictionIds],
        };
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<PrintBatchJob>(j => j.RunAsync(batch.Id, CancellationToken.None));
        return batch.Id;
    }

    /// <summary>Only the requester sees a batch.</summary>
    public Task<PrintBatchState?> GetAsync(Guid id, CancellationToken ct) =>
        db.Set<PrintBatch>().AsNoTracking().Where(b => b.Id == id && b.RequestedBy == user.UserName)
            .Select(b => new PrintBatchState(b.Id, b.Status, b.DocumentsDone, b.DocumentsTotal, b.Pages, b.Error, b.CreatedAt, b.FinishedAt,
                b.Pdf == null ? null : (long?)b.Pdf.Length))
            .FirstOrDefaultAsync(ct);

    public Task<byte[]?> PdfAsync(Guid id, CancellationToken ct) =>
        db.Set<PrintBatch>().AsNoTracking().Where(b => b.Id == id && b.RequestedBy == user.UserName && b.Status == PrintBatchStatus.Done)
            .Select(b => b.Pdf).FirstOrDefaultAsync(ct);
}

/// <summary>Renders a print batch. Runs as the system but limits rows to the requester's jurisdictions stored with the request.</summary>
public sealed class PrintBatchJob(InspectionsDbContext db, DocumentSources sources, IPdfRenderer renderer, NpgsqlDataSource dataSource, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid batchId, CancellationToken ct)
    {
        var batch = await db.Set<PrintBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Status is PrintBatchStatus.Done)
        {
            return;
        }
        try
        {
            var selection = JsonSerializer.Deserialize<PrintSelection>(batch.Selection) ?? new PrintSelection();
            var documents = await sources.SelectAsync(selection, batch.ScopeJurisdictionIds, ct);
            await SetAsync(batchId, "status = 'Running', documents_total = @total", ct, ("total", documents.Count));
            var stopwatch = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            var progress = new SyncProgress<PdfBatchProgress>(p =>
            {
                if (stopwatch.Elapsed - lastReport < TimeSpan.FromMilliseconds(200) && p.DocumentsDone < p.DocumentsTotal)
                {
                    return;
                }
                lastReport = stopwatch.Elapsed;
                Set(batchId, "documents_done = @done, pages = @pages", ("done", p.DocumentsDone), ("pages", p.PagesSoFar));
            });
            byte[] pdf;
            int pages;
            using (var buffer = new MemoryStream())
            {
                var result = documents.Count == 0
                    ? new PdfRenderResult(0, [])
                    : renderer.RenderBatch(documents, buffer, new PdfBatchOptions { Title = "批量打印" }, progress, ct);
                pdf = buffer.ToArray();
                pages = result.PageCount;
            }
            await using var cmd = dataSource.CreateCommand(
                "UPDATE print_batches SET status = 'Done', pdf = @pdf, pages = @pages, documents_done = documents_total, finished_at = @at WHERE id = @id");
            cmd.Parameters.AddWithValue("pdf", documents.Count == 0 ? DBNull.Value : pdf);
            cmd.Parameters.AddWithValue("pages", pages);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            cmd.Parameters.AddWithValue("id", batchId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SetAsync(batchId, "status = 'Failed', error = @error, finished_at = now()", CancellationToken.None, ("error", e.GetType().Name + ": " + Truncate(e.Message)));
            throw;
        }
    }

    private static string Truncate(string s) => s.Length > 900 ? s[..900] : s;

    private void Set(Guid id, string assignments, params (string Name, object Value)[] values)
    {
        using var cmd = dataSource.CreateCommand($"UPDATE print_batches SET {assignments} WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        cmd.ExecuteNonQuery();
    }

    private async Task SetAsync(Guid id, string assignments, CancellationToken ct, params (string Name, object Value)[] values)
    {
        await using var cmd = dataSource.CreateCommand($"UPDATE print_batches SET {assignments} WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reports on the rendering thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
