using Inspections.Domain.Capture;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inspections.Infrastructure.Rectification;

/// <summary>
/// Runs inside the visit submission's transaction. An ordinary visit with failed items gets one draft notice per
/// department kind (issued by that department of the officers present, else the street's department of that kind); a
/// re-inspection visit of a notice records the outcome of each item under rectification (passed → rectified; failed,
/// not applicable or not checked → not rectified) and so closes or escalates the notice. The inspection record needs no
/// row: it is rendered from the visit itself.
/// </summary>
public sealed class RectificationVisitHandler(
    VisitSubmittedContext context,
    IOptionsMonitor<RectificationOptions> options,
    TimeProvider clock,
    ChecklistPacks packs) : IVisitSubmittedHandler
{
    private (Guid VisitId, DraftInputs Inputs)? _prepared;

    public bool AppliesTo(Visit visit) =>
        visit.Kind == VisitKind.Reinspection ? visit.ReinspectionOfNoticeId is not null : IsDraft(visit);

    /// <summary>Reads what drafting needs (venue, checklist items, issuing departments) before the visit is queued.</summary>
    public async Task PrepareAsync(Visit visit, InspectionsDbContext db, CancellationToken ct)
    {
        if (IsDraft(visit))
        {
            _prepared = (visit.Id, await ReadDraftInputsAsync(visit, db, ct));
        }
    }

    /// <summary>
    /// A new visit's draft notices (with their items) from what <see cref="PrepareAsync"/> read, for the group-commit
    /// writer to insert in its batch; their ids go to the receipt. Null for a re-inspection (it updates a notice) or
    /// when nothing was prepared: then <see cref="OnVisitSubmittedAsync"/> runs inside the transaction instead.
    /// </summary>
    public IReadOnlyList<object>? Stage(Visit visit)
    {
        if (!IsDraft(visit) || _prepared is not { } p || p.VisitId != visit.Id)
        {
            return null;
        }
        var notices = Drafts(visit, p.Inputs, options.CurrentValue);
        foreach (var n in notices)
        {
            context.AddNotice(n.Id);
        }
        return [.. notices.SelectMany(n => n.Items.Cast<object>().Prepend(n))];
    }

    public async Task OnVisitSubmittedAsync(Guid visitId, InspectionsDbContext db, CancellationToken ct)
    {
        // The sync service hands over the visit it has just written (with its items): no need to read it back.
        var visit = (context.Visit?.Id == visitId ? context.Visit : null)
                    ?? db.Set<Visit>().Local.FirstOrDefault(v => v.Id == visitId)
                    ?? await db.Set<Visit>().IgnoreQueryFilters().Include(v => v.Items).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return;
        }
        if (visit.Kind == VisitKind.Reinspection && visit.ReinspectionOfNoticeId is { } noticeId)
        {
            await ReinspectAsync(visit, noticeId, db, ct);
            return;
        }
        var inputs = _prepared is { } p && p.VisitId == visit.Id ? p.Inputs : null;
        foreach (var id in await DraftAsync(visit, db, ct, inputs))
        {
            context.AddNotice(id);
        }
    }

    private static bool IsDraft(Visit visit) => visit.Kind != VisitKind.Reinspection && visit.Items.Any(i => i.Outcome == ItemOutcome.Fail);

    private async Task ReinspectAsync(Visit visit, Guid noticeId, InspectionsDbContext db, CancellationToken ct)
    {
        var notice = await db.Set<RectificationNotice>().IgnoreQueryFilters().Include(n => n.Items).FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null || !notice.IsOpen || notice.VenueId != visit.VenueId)
        {
            return;
        }
        var outcomes = notice.Items.ToDictionary(
            i => i.ItemCode,
            i => visit.Items.Any(v => v.ItemCode == i.ItemCode && v.Outcome == ItemOutcome.Pass) ? ReinspectionOutcome.Rectified : ReinspectionOutcome.NotRectified);
        await RectificationService.ApplyReinspectionAsync(db, notice, visit.Id, outcomes, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The party as the notice names it.</summary>
    public sealed record DraftVenue(string Name, string Address, string? CreditCode, string? LegalRepresentative);

    /// <summary>The reference data a visit's notices are drafted from; read ahead by <see cref="PrepareAsync"/> or in <see cref="DraftAsync"/>.</summary>
    public sealed record DraftInputs(DraftVenue Venue, IReadOnlyDictionary<Guid, ChecklistItem> Checklist, IReadOnlyList<IssuingDepartment> Issuing);

    /// <summary>
    /// The venue, the checklist items of the failed rows (from the pack version's cached items: a version never changes
    /// once written) and the issuing departments (those of the officers present first, then the street's), in one round
    /// trip. Reference data, not the visit's own rows: unfiltered, untracked.
    /// </summary>
    private async Task<DraftInputs> ReadDraftInputsAsync(Visit visit, InspectionsDbContext db, CancellationToken ct)
    {
        var failed = visit.Items.Where(i => i.Outcome == ItemOutcome.Fail).Select(i => i.ItemId).ToHashSet();
        var checklist = (await packs.ItemsAsync(visit.PackId, ct)).Where(c => failed.Contains(c.Id)).ToDictionary(c => c.Id);
        // EF counts nested opens: this closes the connection again only if it opened it.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT name, address, credit_code, legal_representative FROM venues WHERE id = $1")
                    {
                        Parameters = { new() { Value = visit.VenueId } },
                    },
                    // The departments of the officers present, and those of the visit's street (the community's parent).
                    new NpgsqlBatchCommand("""
                        SELECT d.id, d.code, d.name, d.short_name, d.kind, d.id IN (SELECT department_id FROM officers WHERE id = ANY($1))
                        FROM departments d
                        WHERE d.id IN (SELECT department_id FROM officers WHERE id = ANY($1))
                           OR d.jurisdiction_id = (SELECT coalesce(parent_id, id) FROM jurisdictions WHERE id = $2)
                        """)
                    {
                        Parameters = { new() { Value = visit.OfficerIds.ToArray() }, new() { Value = visit.JurisdictionId } },
                    },
                },
            };
            await using var r = await batch.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                throw new InvalidOperationException($"Venue {visit.VenueId} of visit {visit.Id} does not exist.");
            }
            var venue = new DraftVenue(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3));
            await r.NextResultAsync(ct);
            var departments = new List<(IssuingDepartment Department, bool OfOfficers)>();
            while (await r.ReadAsync(ct))
            {
                departments.Add((new IssuingDepartment(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<DepartmentKind>(r.GetString(4))),
                    r.GetBoolean(5)));
            }
            var issuing = departments
                .OrderBy(d => d.OfOfficers ? 0 : 1).ThenBy(d => d.Department.Code)
                .Select(d => d.Department)
                .DistinctBy(d => d.Kind)
                .ToList();
            return new DraftInputs(venue, checklist, issuing);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Drafts and saves the notices of a visit (idempotent per visit and department kind); returns their ids. With
    /// <paramref name="inputs"/> read ahead, only the notices are written (the visit is new in this transaction, so no
    /// notice of it can exist yet).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> DraftAsync(Visit visit, InspectionsDbContext db, CancellationToken ct, DraftInputs? inputs = null)
    {
        if (!visit.Items.Any(i => i.Outcome == ItemOutcome.Fail))
        {
            return [];
        }
        if (inputs is null)
        {
            var existing = await db.Set<RectificationNotice>().IgnoreQueryFilters().Where(n => n.VisitId == visit.Id).Select(n => n.Id).ToListAsync(ct);
            if (existing.Count > 0)
            {
                return existing;
            }
            inputs = await ReadDraftInputsAsync(visit, db, ct);
        }
        var notices = Drafts(visit, inputs, options.CurrentValue);
        db.AddRange(notices);
        await db.SaveChangesAsync(ct);
        return [.. notices.Select(n => n.Id)];
    }

    /// <summary>The draft notices of a visit with failed items, one per department kind (pure: nothing is read or written).</summary>
    private static List<RectificationNotice> Drafts(Visit visit, DraftInputs inputs, RectificationOptions options)
    {
        var (venue, checklist, issuing) = inputs;
        var failed = visit.Items.Where(i => i.Outcome == ItemOutcome.Fail).Select(r =>
        {
            checklist.TryGetValue(r.ItemId, out var c);
            return new FailedItem(
                r.ItemCode, c?.SortOrder ?? 0, c?.TextZh ?? r.ItemCode, r.Note, r.DepartmentKind,
                c?.LegalBasis ?? "《中华人民共和国未成年人保护法》", c?.PenaltyBasis, c?.PenaltyRangeZh, c?.RequirementZh, c?.DefaultDeadlineDays ?? 7);
        }).ToList();
        var local = visit.CheckinAt.ToOffset(TimeSpan.FromHours(8));
        var facts = new VisitFacts(visit.Id, visit.VenueId, visit.JurisdictionId, visit.CheckinAt, local.DateTime, visit.OfficerIds,
            venue.Address, venue.Name, venue.CreditCode, venue.Address, venue.LegalRepresentative);
        return [.. NoticeDrafter.Draft(facts, failed, issuing, options.Texts()).Select(d => new RectificationNotice(d))];
    }
}
