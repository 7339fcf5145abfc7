using Hangfire;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry.Import.Analysis;
using Inspections.Infrastructure.Registry.Import.Parsing;
using Inspections.Infrastructure.Registry.Import.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Registry.Import.Jobs;

/// <summary>
/// The dry run: reads the stored file, judges every row and stores the report. Rows are written in chunks, each
/// chunk with its own progress update, so a polling client sees ProcessedRows grow. Safe to run again: a run on an
/// import that is no longer queued or analysing does nothing, and a rerun after a crash starts over.
/// </summary>
public sealed class VenueImportAnalysisJob(
    InspectionsDbContext db,
    IOptionsMonitor<VenueImportOptions> options,
    IOptionsMonitor<RegistryOptions> registry,
    TimeProvider clock,
    ILogger<VenueImportAnalysisJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        var claimed = await db.VenueImports
            .Where(i => i.Id == importId && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Analysing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Analysing)
                .SetProperty(i => i.ProcessedRows, 0)
                .SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), ct);
        if (claimed == 0)
        {
            logger.LogInformation("Venue import {ImportId} is not waiting for analysis; nothing to do", importId);
            return;
        }

        try
        {
            await AnalyseAsync(importId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The server is stopping: the import stays Analysing and the requeued job starts over.
            throw;
        }
        catch (Exception ex)
        {
            var message = ex is ImportFileException ? ex.Message : "The analysis failed unexpectedly: " + ex.Message;
            if (ex is ImportFileException)
            {
                logger.LogInformation("Venue import {ImportId} cannot be read: {Reason}", importId, ex.Message);
            }
            else
            {
                logger.LogError(ex, "Venue import {ImportId} could not be analysed", importId);
            }
            db.ChangeTracker.Clear();
            await db.VenueImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(CancellationToken.None);
            await db.VenueImports
                .Where(i => i.Id == importId && i.Status == ImportStatus.Analysing)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.Error, VenueImport.Truncate(message, VenueImport.ErrorMaxLength))
                    .SetProperty(i => i.CompletedAt, clock.GetUtcNow())
                    .SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), CancellationToken.None);
        }
    }

    private async Task AnalyseAsync(Guid importId, CancellationToken ct)
    {
        // Rows of an interrupted earlier run.
        await db.VenueImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        var file = await db.VenueImports.AsNoTracking()
            .Where(i => i.Id == importId)
            .Select(i => new { i.Format, i.Content, i.DefaultJurisdictionId, i.ScopeJurisdictionId })
            .SingleAsync(ct);
        var settings = options.CurrentValue;

        var analyser = new VenueImportAnalyser(db, new ImportSetChecks(db, registry));
        var rows = await analyser.AnalyseAsync(importId, file.Format, file.Content, file.DefaultJurisdictionId, file.ScopeJurisdictionId, settings.MaxRows, ct);
        await db.VenueImports.Where(i => i.Id == importId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.TotalRows, rows.Count).SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), ct);

        var copy = new ImportRowCopy(db);
        var written = 0;
        foreach (var chunk in rows.Chunk(Math.Max(1, settings.ProgressInterval)))
        {
            await copy.WriteAsync(db, chunk, ct);
            written += chunk.Length;
            await db.VenueImports.Where(i => i.Id == importId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcessedRows, written).SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), ct);
        }

        var valid = rows.Count(r => r.Status == ImportRowStatus.Valid);
        var warning = rows.Count(r => r.Status == ImportRowStatus.Warning);
        var error = rows.Count(r => r.Status == ImportRowStatus.Error);
        await db.VenueImports
            .Where(i => i.Id == importId && i.Status == ImportStatus.Analysing)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Analysed)
                .SetProperty(i => i.TotalRows, rows.Count)
                .SetProperty(i => i.ProcessedRows, rows.Count)
                .SetProperty(i => i.ValidRows, valid)
                .SetProperty(i => i.WarningRows, warning)
                .SetProperty(i => i.ErrorRows, error)
                .SetProperty(i => i.Error, (string?)null)
                .SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), ct);
        logger.LogInformation(
            "Venue import {ImportId} analysed: {Valid} valid, {Warning} with warnings, {Error} with errors", importId, valid, warning, error);
    }
}
