using System.Diagnostics;
using System.Diagnostics.Metrics;
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
/// <param name="Audits">Its audit entry and those of the staged rows, described for the submitting user.</param>
/// <param name="Staged">
/// Rows its handlers staged (<see cref="IVisitSubmittedHandler.Stage"/>), parents before children, inserted in the
/// batch after the visit's own rows.
/// </param>
/// <param name="Model">The EF model (column mapping).</param>
/// <param name="AfterInsert">
/// Null when no <see cref="IVisitSubmittedHandler"/> is left to run (none applies, or all staged their rows); else runs
/// those handlers on the batch's connection and transaction (the submitting request's own DbContext, idle while it
/// waits).
/// </param>
public sealed record PendingVisit(
    Visit Visit, IReadOnlyList<AuditEntry> Audits, IReadOnlyList<object> Staged, IModel Model,
    Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? AfterInsert);

/// <summary>
/// Group commit for the capture sync (ADR 21): new visits validated by concurrent requests are queued and written
/// together, one transaction for the whole batch (the visits, their child rows, the rows handlers staged and the
/// audit entries by one batch of unnest INSERTs, one round trip) instead of one transaction and a dozen INSERT
/// statements per visit. The visit's rows, its audit entry and whatever its handlers write (drafted notices) still
/// commit or roll back together; a batch that fails for any reason (a visit id taken by a racing submission, a
/// handler's exception, the database going away) rolls back entirely and every request in it is told to write alone
/// (<see cref="Outcome.WriteAlone"/>), so one bad submission never fails the others and the single-visit path keeps
/// deciding races by the primary key. A request is answered only after its batch committed.
/// </summary>
public sealed class VisitWriter : IAsyncDisposable
{
    public enum Outcome
    {
        Written,
        WriteAlone,
    }

    /// <summary>The meter of the writer's instruments (batch size, time per phase), for dashboards and the sync benchmark.</summary>
    public const string MeterName = "Inspections.Capture.VisitWriter";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> BatchVisits = Meter.CreateHistogram<int>("inspections.capture.batch.visits", "{visit}", "Visits written per group-commit batch");
    private static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>("inspections.capture.batch.duration", "ms",
        "Time a group-commit batch spent per phase (open, insert, handlers, commit, total)");

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
            var started = Stopwatch.GetTimestamp();
            var mark = started;
            void Phase(string name)
            {
                var now = Stopwatch.GetTimestamp();
                PhaseDuration.Record(Stopwatch.GetElapsedTime(mark, now).TotalMilliseconds, new KeyValuePair<string, object?>("phase", name));
                mark = now;
            }
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            Phase("open");
            var model = batch[0].Visit.Model;
            var visits = batch.Select(b => b.Visit.Visit).ToList();
            // One batch, one round trip: lock the uploads the visits reference, and insert the visits, their items,
            // photos, signatures and audit entries as unnest INSERTs.
            await using (var rest = new NpgsqlBatch(connection, tx)
            {
                BatchCommands =
                {
                    UploadedFiles.LockCommand(visits, out var wanted),
                    EntityInsert.InsertCommand(model, visits),
                    EntityInsert.InsertCommand(model, visits.SelectMany(v => v.Items).ToList()),
                    EntityInsert.InsertCommand(model, visits.SelectMany(v => v.Photos).ToList()),
                    EntityInsert.InsertCommand(model, visits.SelectMany(v => v.Signatures).ToList()),
                },
            })
            {
                // The handlers' staged rows, one statement per type in the order the types first appear (parents first).
                foreach (var rows in batch.SelectMany(b => b.Visit.Staged).GroupBy(r => r.GetType()))
                {
                    rest.BatchCommands.Add(EntityInsert.InsertCommand(model, rows.Key, [.. rows]));
                }
                rest.BatchCommands.Add(EntityInsert.InsertCommand(model, batch.SelectMany(b => b.Visit.Audits).ToList()));
                await using var reader = await rest.ExecuteReaderAsync(ct);
                if ((await UploadedFiles.MissingAsync(reader, wanted, ct)).Count > 0)
                {
                    // An upload was cleaned up since validation: each visit alone gets its own answer (422 missing-photos).
                    throw new InvalidOperationException("A referenced upload is gone.");
                }
                while (await reader.NextResultAsync(ct))
                {
                    // The inserts: nothing to read, but every statement runs before the reader lets go.
                }
            }
            Phase("insert");
            foreach (var (pending, _) in batch)
            {
                if (pending.AfterInsert is { } after)
                {
                    await after(connection, tx, ct);
                }
            }
            Phase("handlers");
            await tx.CommitAsync(ct);
            Phase("commit");
            PhaseDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("phase", "total"));
            BatchVisits.Record(batch.Count);
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
