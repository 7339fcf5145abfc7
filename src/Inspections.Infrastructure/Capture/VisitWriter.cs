using System.Threading.Channels;
using Inspections.Domain.Capture;
using Inspections.Infrastructure.Audit;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Capture;

/// <summary>A validated new visit waiting to be written by <see cref="VisitWriter"/>.</summary>
/// <param name="Visit">The aggregate (visit, items, photos, signatures).</param>
/// <param name="Audit">Its audit entry, described for the submitting user.</param>
/// <param name="Model">The EF model (column mapping).</param>
/// <param name="AfterInsert">
/// Null when no <see cref="IVisitSubmittedHandler"/> applies; else runs the handlers on the batch's connection and
/// transaction (the submitting request's own DbContext, idle while it waits).
/// </param>
public sealed record PendingVisit(
    Visit Visit, AuditEntry Audit, IModel Model,
    Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? AfterInsert);

/// <summary>
/// Group commit for the capture sync (ADR 21): new visits validated by concurrent requests are queued and written
/// together, one transaction and one binary COPY per table for the whole batch, instead of one transaction and a
/// dozen INSERT statements per visit. The visit's rows, its audit entry and whatever its handlers write (drafted
/// notices) still commit or roll back together; a batch that fails for any reason (a visit id taken by a racing
/// submission, a handler's exception, the database going away) rolls back entirely and every request in it is told to
/// write alone (<see cref="Outcome.WriteAlone"/>), so one bad submission never fails the others and the single-visit
/// path keeps deciding races by the primary key. A request is answered only after its batch committed.
/// </summary>
public sealed class VisitWriter : IAsyncDisposable
{
    public enum Outcome
    {
        Written,
        WriteAlone,
    }

    private readonly Channel<(PendingVisit Visit, TaskCompletionSource<Outcome> Done)> _queue =
        Channel.CreateUnbounded<(PendingVisit, TaskCompletionSource<Outcome>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<VisitWriter> _log;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public VisitWriter(NpgsqlDataSource dataSource, IOptions<CaptureOptions> options, ILogger<VisitWriter> log)
    {
        _dataSource = dataSource;
        _log = log;
        _maxBatch = Math.Max(1, options.Value.GroupCommitMaxBatch);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues the visit; completes once its batch committed (<see cref="Outcome.Written"/>) or failed (<see cref="Outcome.WriteAlone"/>).</summary>
    public Task<Outcome> WriteAsync(PendingVisit visit)
    {
        var done = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((visit, done)))
        {
            done.SetResult(Outcome.WriteAlone);
        }
        return done.Task;
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(PendingVisit Visit, TaskCompletionSource<Outcome> Done)>(_maxBatch);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                var ids = new HashSet<Guid>();
                while (batch.Count < _maxBatch && reader.TryRead(out var next))
                {
                    // Two submissions of one visit id in one batch: the second writes alone (and meets the first's key).
                    if (ids.Add(next.Visit.Visit.Id))
                    {
                        batch.Add(next);
                    }
                    else
                    {
                        next.Done.SetResult(Outcome.WriteAlone);
                    }
                }
                var outcome = await WriteBatchAsync(batch);
                foreach (var (_, done) in batch)
                {
                    done.SetResult(outcome);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued writes alone.
        }
        foreach (var (_, done) in batch)
        {
            done.TrySetResult(Outcome.WriteAlone);
        }
        while (reader.TryRead(out var left))
        {
            left.Done.TrySetResult(Outcome.WriteAlone);
        }
    }

    private async Task<Outcome> WriteBatchAsync(List<(PendingVisit Visit, TaskCompletionSource<Outcome> Done)> batch)
    {
        // Not cancelled by any one request: the batch belongs to all of them.
        var ct = _stopping.Token;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var model = batch[0].Visit.Model;
            var visits = batch.Select(b => b.Visit.Visit).ToList();
            if ((await UploadedFiles.LockAsync(connection, visits, ct)).Count > 0)
            {
                // An upload was cleaned up since validation: each visit alone gets its own answer (422 missing-photos).
                throw new InvalidOperationException("A referenced upload is gone.");
            }
            await EntityCopy.CopyAsync(connection, model, visits, ct);
            await EntityCopy.CopyAsync(connection, model, visits.SelectMany(v => v.Items).ToList(), ct);
            await EntityCopy.CopyAsync(connection, model, visits.SelectMany(v => v.Photos).ToList(), ct);
            await EntityCopy.CopyAsync(connection, model, visits.SelectMany(v => v.Signatures).ToList(), ct);
            await EntityCopy.CopyAsync(connection, model, batch.Select(b => b.Visit.Audit).ToList(), ct);
            foreach (var (pending, _) in batch)
            {
                if (pending.AfterInsert is { } after)
                {
                    await after(connection, tx, ct);
                }
            }
            await tx.CommitAsync(ct);
            return Outcome.Written;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Expected now and then (a racing submission of the same visit id); each request retries on its own.
            _log.LogInformation(e, "A batch of {Count} visits was rolled back; each is written alone", batch.Count);
            return Outcome.WriteAlone;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Finish what is queued (a batch takes milliseconds), then stop whatever still runs.
        _queue.Writer.TryComplete();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5)));
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stopping.Dispose();
    }
}
