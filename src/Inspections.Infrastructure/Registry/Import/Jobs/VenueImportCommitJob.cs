using Hangfire;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Registry.Import.Jobs;

/// <summary>
/// Writes the chosen rows as venues in one transaction: inserts in batches, stores the overrides of warning rows,
/// derives the spatial facts and marks the import Imported. Any failure rolls everything back and marks it Failed,
/// so an import adds all its venues or none. Runs only on an import in Importing; the import row stays locked
/// for the whole transaction, so a duplicate run waits and then finds nothing to do.
/// Like every job it runs unrestricted; an import uploaded by a user limited to a jurisdiction is checked against it
/// once the venues are filed, and rolled back if any venue landed outside (the analysis already made such rows errors).
/// </summary>
public sealed class VenueImportCommitJob(
    InspectionsDbContext db,
    SpatialFacts spatial,
    IOptionsMonitor<VenueImportOptions> options,
    TimeProvider clock,
    ILogger<VenueImportCommitJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        try
        {
            await CommitAsync(importId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The server is stopping: the transaction is rolled back, the import stays Importing and the requeued job runs again.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Venue import {ImportId} could not be committed; nothing was written", importId);
            db.ChangeTracker.Clear();
            await db.VenueImports
                .Where(i => i.Id == importId && i.Status == ImportStatus.Importing)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ImportStatus.Failed)
                    .SetProperty(i => i.ImportedRows, 0)
                    .SetProperty(i => i.Error, VenueImport.Truncate(Describe(ex), VenueImport.ErrorMaxLength))
                    .SetProperty(i => i.CompletedAt, clock.GetUtcNow())
                    .SetProperty(i => i.UpdatedAt, clock.GetUtcNow()), CancellationToken.None);
        }
    }

    private async Task CommitAsync(Guid importId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM venue_imports WHERE id = {importId} FOR UPDATE", ct);
        var import = await db.VenueImports.AsNoTracking()
            .Where(i => i.Id == importId)
            .Select(i => new { i.Status, i.CommitMode, i.OverrideReason, i.CommittedBy, i.ScopeJurisdictionId })
            .SingleOrDefaultAsync(ct);
        if (import is not { Status: ImportStatus.Importing })
        {
            logger.LogInformation("Venue import {ImportId} is not waiting to be imported ({Status}); nothing to do", importId, import?.Status);
            return;
        }

        ImportRowStatus[] statuses = import.CommitMode == ImportCommitMode.All
            ? [ImportRowStatus.Valid, ImportRowStatus.Warning]
            : [ImportRowStatus.Valid];
        var now = clock.GetUtcNow();
        var user = import.CommittedBy ?? "system";
        var batchSize = Math.Max(1, options.CurrentValue.CommitBatchSize);
        var created = new List<Guid>();
        var lastRow = 0;
        while (true)
        {
            var rows = await db.VenueImportRows.AsNoTracking()
                .Where(r => r.ImportId == importId && statuses.Contains(r.Status) && r.RowNumber > lastRow)
                .OrderBy(r => r.RowNumber)
                .Take(batchSize)
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }
            var venues = rows.Select(row => ToVenue(row, import.OverrideReason, user, now)).ToList();
            db.Venues.AddRange(venues);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var rowNumbers = rows.Select(r => r.RowNumber).ToArray();
            var venueIds = venues.Select(v => v.Id).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE venue_import_rows r SET venue_id = u.venue_id
                FROM unnest({rowNumbers}::integer[], {venueIds}::uuid[]) AS u(row_number, venue_id)
                WHERE r.import_id = {importId} AND r.row_number = u.row_number
                """,
                ct);
            created.AddRange(venueIds);
            lastRow = rowNumbers[^1];
        }

        if (created.Count > 0)
        {
            await spatial.RefreshVenuesAsync(created, ct);
            if (import.ScopeJurisdictionId is { } scope)
            {
                await EnsureInScopeAsync(created, scope, ct);
            }
        }
        await db.VenueImports
            .Where(i => i.Id == importId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Imported)
                .SetProperty(i => i.ImportedRows, created.Count)
                .SetProperty(i => i.Error, (string?)null)
                .SetProperty(i => i.CompletedAt, now)
                .SetProperty(i => i.UpdatedAt, now), ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Venue import {ImportId} imported {Count} venues", importId, created.Count);
    }

    private async Task EnsureInScopeAsync(List<Guid> created, Guid scope, CancellationToken ct)
    {
        var ids = created.ToArray();
        var outside = await db.Database.SqlQuery<int>(
                $"""
                SELECT count(*)::integer AS "Value" FROM venues v
                WHERE v.id = ANY({ids})
                  AND (v.jurisdiction_id IS NULL OR v.jurisdiction_id NOT IN (
                       SELECT j.id FROM jurisdictions j WHERE j.id = {scope} OR j.parent_id = {scope}))
                """)
            .SingleAsync(ct);
        if (outside > 0)
        {
            throw new DomainException("import.out_of_scope", $"{outside} venue(s) would be filed outside the uploader's jurisdiction.");
        }
    }

    private static Venue ToVenue(VenueImportRow row, string? overrideReason, string user, DateTimeOffset now)
    {
        var values = row.Values ?? throw new InvalidOperationException($"Row {row.RowNumber} has no values to import.");
        var venue = new Venue(Guid.CreateVersion7(), values.ToDetails());
        if (row.Warnings.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
            {
                throw new DomainException("overrideReason.required", $"Row {row.RowNumber} has warnings and no override reason was given.");
            }
            venue.AcceptOverrides(row.Warnings.Select(w => w.Code).Distinct().Select(code => new ValidationOverride(code, overrideReason, user, now)));
        }
        return venue;
    }

    /// <summary>The database's own message (never its detail, which may quote personal data).</summary>
    private static string Describe(Exception ex)
    {
        var reason = FindPostgres(ex)?.MessageText ?? (ex is DomainException ? ex.Message : ex.GetBaseException().Message);
        return "The import was rolled back and no venue was written: " + reason;
    }

    private static PostgresException? FindPostgres(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg;
            }
        }
        return null;
    }
}
