using Inspections.Capture.Contracts;
using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Identifiers;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using CaptureVisitKind = Inspections.Capture.Contracts.VisitKind;
using DomainItemOutcome = Inspections.Domain.Capture.ItemOutcome;
using DomainSignerRole = Inspections.Domain.Capture.SignerRole;
using DomainVisitKind = Inspections.Domain.Capture.VisitKind;

namespace Inspections.Infrastructure.Capture;

/// <summary>What became of a submission; the web layer maps each case to its status code.</summary>
public abstract record SyncOutcome
{
    /// <summary>201: stored now.</summary>
    public sealed record Created(VisitReceipt Receipt) : SyncOutcome;

    /// <summary>200: the same content was stored before (Duplicate = true).</summary>
    public sealed record Duplicate(VisitReceipt Receipt) : SyncOutcome;

    /// <summary>409: different content under an existing id; both versions are kept in <c>visit_conflicts</c>.</summary>
    public sealed record Conflict(Guid VisitId, string StoredSha256, string RejectedSha256) : SyncOutcome;

    /// <summary>422 missing-photos: referenced files not uploaded yet.</summary>
    public sealed record MissingPhotos(IReadOnlyList<string> Sha256s) : SyncOutcome;

    /// <summary>400 field errors (<see cref="RuleBroken"/> false) or 422 rule break such as the check-in distance.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors, bool RuleBroken = false, string? Code = null) : SyncOutcome;
}

/// <summary>
/// Idempotent visit submission (ADR 12). The visit id is the tablet's UUID and the table's primary key: two racing
/// submissions of one visit both try to insert, one wins, the other hits the key (unique violation), rolls back and is
/// answered from the stored row — never check-then-insert alone.
/// </summary>
public sealed class CaptureSyncService(
    InspectionsDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<CaptureOptions> options,
    ChecklistPacks packs,
    VisitSubmittedContext submitted,
    IEnumerable<IVisitSubmittedHandler> handlers,
    VisitWriter writer,
    Audit.AuditInterceptor audit,
    IHostEnvironment env)
{
    public async Task<SyncOutcome> SubmitAsync(Guid visitId, VisitSubmission? raw, CancellationToken ct)
    {
        var shape = ShapeErrors(visitId, raw);
        if (shape.Count > 0)
        {
            return new SyncOutcome.Invalid(Freeze(shape));
        }
        var s = SubmissionCanonical.Normalize(raw!);
        var (hash, content) = SubmissionCanonical.Hash(s);
        // One connection for the whole request (no pool return and reset between the statements; the user's scope is
        // resolved in the validation batch), and no savepoints around each SaveChanges inside the transaction (nothing
        // is retried inside it: a failure rolls it all back).
        db.Database.AutoSavepointsEnabled = false;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Whether the id is taken is read in the same round trip as the validation rows; a stored visit is answered
            // from (duplicate 200 / conflict 409) whatever this submission's validity. Two submissions racing past this
            // check are settled by the primary key (InsertAsync).
            var (outcome, visit, stored) = await ValidateAsync(visitId, s, hash, content, ct);
            if (stored || outcome is not null)
            {
                return await AnswerFromStoredAsync(visitId, hash, content, ct)
                       ?? outcome ?? throw new InvalidOperationException("The visit's id was taken but the row cannot be read.");
            }
            if (options.Value.GroupCommit)
            {
                var applying = handlers.Where(h => h.AppliesTo(visit!)).ToList();
                foreach (var handler in applying)
                {
                    await handler.PrepareAsync(visit!, db, ct);
                }
                await db.Database.CloseConnectionAsync();
                if (await GroupCommitAsync(visit!, applying) is { } receipt)
                {
                    return new SyncOutcome.Created(receipt);
                }
                await db.Database.OpenConnectionAsync(ct);
            }
            return await InsertAsync(visit!, hash, content, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Writes the visit in a batch with other requests' visits (ADR 21); null when the batch failed and the visit must be
    /// written alone. The handlers that apply run inside the batch's transaction on this request's context.
    /// </summary>
    private async Task<VisitReceipt?> GroupCommitAsync(Visit visit, List<IVisitSubmittedHandler> applying)
    {
        var audits = new List<Audit.AuditEntry> { audit.Created(db.Model.FindEntityType(typeof(Visit))!, visit) };
        submitted.Begin(visit);
        // What the handlers can hand over as rows goes into the writer's batch; the others run inside its transaction.
        var staged = new List<object>();
        var running = new List<IVisitSubmittedHandler>();
        foreach (var handler in applying)
        {
            if (handler.Stage(visit) is { } rows)
            {
                staged.AddRange(rows);
            }
            else
            {
                running.Add(handler);
            }
        }
        foreach (var row in staged)
        {
            var type = db.Model.FindEntityType(row.GetType()) ?? throw new InvalidOperationException($"{row.GetType().Name} is not mapped.");
            if (Audit.AuditInterceptor.IsAudited(type))
            {
                audits.Add(audit.Created(type, row));
            }
        }
        var pending = new PendingVisit(visit, audits, staged, db.Model,
            running.Count == 0 ? null : (c, tx, ct) => RunHandlersAsync(running, visit, c, tx, ct));
        // Not cancellable: the batch may be using this request's context; the answer waits for the commit either way.
        if (await writer.WriteAsync(pending) == VisitWriter.Outcome.Written)
        {
            return new VisitReceipt(visit.Id, visit.ContentSha256, visit.ServerReceivedAt, false, [.. submitted.NoticeIds]);
        }
        submitted.Reset();
        return null;
    }

    private async Task RunHandlersAsync(List<IVisitSubmittedHandler> applying, Visit visit, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        try
        {
            await db.Database.UseTransactionAsync(tx, ct);
            // The visit itself is not attached: the handlers get it from VisitSubmittedContext, and the context's change
            // tracking stays with what they add (attaching the aggregate cost the serial writer a snapshot of ~25 rows).
            foreach (var handler in applying)
            {
                await handler.OnVisitSubmittedAsync(visit.Id, db, ct);
            }
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            db.ChangeTracker.Clear();
            // Back to a connection of its own from the data source.
            db.Database.SetDbConnection(null, contextOwnsConnection: true);
        }
    }

    private async Task<SyncOutcome> InsertAsync(Visit visit, string hash, string content, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // The uploads still there, and kept there until the commit (the orphan clean-up skips locked rows).
                var missing = await UploadedFiles.LockAsync((NpgsqlConnection)db.Database.GetDbConnection(), [visit], ct);
                if (missing.Count > 0)
                {
                    return new SyncOutcome.MissingPhotos(missing);
                }
                // The visit's rows and its audit entry go in one batch: the audit chain is extended at commit (ADR 19),
                // so writing the entry early holds no lock.
                db.Add(visit);
                await db.SaveChangesAsync(ct);
                submitted.Begin(visit);
                foreach (var handler in handlers)
                {
                    await handler.OnVisitSubmittedAsync(visit.Id, db, ct);
                }
                await tx.CommitAsync(ct);
                return (SyncOutcome)new SyncOutcome.Created(new VisitReceipt(visit.Id, hash, visit.ServerReceivedAt, false, [.. submitted.NoticeIds]));
            });
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_visits" })
        {
            // A stored visit with this id (a retry, or lost the race against an identical or conflicting submission):
            // answer from the stored row.
            db.ChangeTracker.Clear();
            return await AnswerFromStoredAsync(visit.Id, hash, content, ct)
                   ?? throw new InvalidOperationException("The visit's key was taken but the row cannot be read.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The receipt of a stored visit the user may read, with the notices drafted from it.</summary>
    public async Task<VisitReceipt?> ReceiptAsync(Guid visitId, bool duplicate, CancellationToken ct)
    {
        var v = await db.Set<Visit>().AsNoTracking().Where(x => x.Id == visitId)
            .Select(x => new { x.Id, x.ContentSha256, x.ServerReceivedAt }).FirstOrDefaultAsync(ct);
        if (v is null)
        {
            return null;
        }
        var notices = await db.Set<Domain.Rectification.RectificationNotice>().AsNoTracking().Where(n => n.VisitId == visitId)
            .OrderBy(n => n.DepartmentKind).Select(n => n.Id).ToListAsync(ct);
        return new VisitReceipt(v.Id, v.ContentSha256, v.ServerReceivedAt, duplicate, notices);
    }

    private async Task<SyncOutcome?> AnswerFromStoredAsync(Guid visitId, string hash, string content, CancellationToken ct)
    {
        // Unfiltered on purpose: an id is taken whoever took it. Only the hash and jurisdiction are read.
        var stored = await db.Set<Visit>().IgnoreQueryFilters().AsNoTracking().Where(v => v.Id == visitId)
            .Select(v => new { v.ContentSha256, v.JurisdictionId, v.Content }).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.ContentSha256 == hash && db.Scope.Covers(stored.JurisdictionId))
        {
            return new SyncOutcome.Duplicate((await ReceiptAsync(visitId, true, ct))!);
        }
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO visit_conflicts (id, visit_id, stored_sha256, stored_content, rejected_sha256, rejected_content, submitted_by, received_at)
            VALUES ({Guid.CreateVersion7()}, {visitId}, {stored.ContentSha256}, {stored.Content}::jsonb, {hash}, {content}::jsonb, {user.UserName}, {now})
            ON CONFLICT (visit_id, rejected_sha256) DO NOTHING
            """, ct);
        return new SyncOutcome.Conflict(visitId, db.Scope.Covers(stored.JurisdictionId) ? stored.ContentSha256 : string.Empty, hash);
    }

    private static Dictionary<string, List<string>> ShapeErrors(Guid visitId, VisitSubmission? s)
    {
        var e = new Dictionary<string, List<string>>();
        if (visitId == Guid.Empty)
        {
            Add(e, "id", "The visit id must be a UUID generated on the tablet.");
        }
        if (s is null)
        {
            Add(e, "$", "The body must be a visit submission.");
            return e;
        }
        if (s.CheckIn is null)
        {
            Add(e, "checkIn", "The check-in is required.");
        }
        if (s.PersonPresent is null)
        {
            Add(e, "personPresent", "The person present is required.");
        }
        if (s.Items is null || s.Items.Any(i => i is null))
        {
            Add(e, "items", "The checklist items are required.");
        }
        if (s.Signatures is null || s.Signatures.Any(x => x is null))
        {
            Add(e, "signatures", "The signatures are required.");
        }
        if (s.OfficerIds is null)
        {
            Add(e, "officerIds", "The officers are required.");
        }
        return e;
    }

    private async Task<(SyncOutcome? Outcome, Visit? Visit, bool Stored)> ValidateAsync(Guid visitId, VisitSubmission s, string hash, string content, CancellationToken ct)
    {
        var e = new Dictionary<string, List<string>>();
        var o = options.Value;

        if (!Enum.IsDefined(s.Kind))
        {
            Add(e, "kind", "Unknown visit kind.");
        }
        if (s.Kind == CaptureVisitKind.Reinspection && s.ReinspectionOfNoticeId is null)
        {
            Add(e, "reinspectionOfNoticeId", "A re-inspection names the notice it re-inspects.");
        }
        if (s.Kind != CaptureVisitKind.Reinspection && s.ReinspectionOfNoticeId is not null)
        {
            Add(e, "reinspectionOfNoticeId", "Only a re-inspection names a notice.");
        }

        // Venue (query filters: only the user's own jurisdictions) and the check-in distance on the spheroid.
        var lat = s.CheckIn.Latitude;
        var lon = s.CheckIn.Longitude;
        var pointValid = double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
        if (!pointValid)
        {
            Add(e, "checkIn", "Latitude must be −90…90 and longitude −180…180.");
        }
        var point = Geo.Point(pointValid ? lon : 0, pointValid ? lat : 0);
        var officerIds = s.OfficerIds.Distinct().ToList();
        var references = s.Items.SelectMany(i => i.Photos).Concat(s.GeneralPhotos).Concat(s.Signatures.Select(x => x.Sha256)).Distinct().ToList();
        var found = await LookUpAsync(visitId, s.VenueId, point, officerIds, references, ct);
        if (found.Stored)
        {
            return (null, null, true);
        }
        var venue = found.Venue;
        var street = found.Street;
        if (venue is null)
        {
            Add(e, "venueId", "No such venue in your jurisdiction.");
        }

        // Officers: at least two, active, of the venue's street (or community).
        var departmentKinds = new List<DepartmentKind>();
        if (officerIds.Count < 2)
        {
            Add(e, "officerIds", "At least two law-enforcement officers take part in an inspection (行政处罚法 Art. 42).");
        }
        if (officerIds.Count != s.OfficerIds.Count)
        {
            Add(e, "officerIds", "An officer is listed twice.");
        }
        if (officerIds.Count > 0)
        {
            var officers = found.Officers;
            foreach (var id in officerIds.Where(id => officers.All(x => x.Id != id)))
            {
                Add(e, "officerIds", $"Officer {id} is not an officer of your street.");
            }
            foreach (var x in officers)
            {
                if (x.Status != OfficerStatus.Active)
                {
                    Add(e, "officerIds", $"Officer {x.Id} is not active.");
                }
                if (venue?.JurisdictionId is { } community && x.JurisdictionId != community && x.JurisdictionId != street)
                {
                    Add(e, "officerIds", $"Officer {x.Id} does not work in the venue's street.");
                }
            }
            departmentKinds = [.. officers.Select(x => x.Kind).Distinct().Order()];
        }

        // Pack version and items: the items of the version the visit was made with, covering the departments present.
        var pack = await packs.HeaderAsync(s.PackId, ct);
        var visitItems = new List<VisitItem>();
        if (pack is null || pack.Version != s.PackVersion)
        {
            Add(e, "packId", "No such checklist pack version.");
        }
        else if (venue is not null && pack.VenueType != venue.Type)
        {
            Add(e, "packId", $"The pack is for {pack.VenueType}, the venue is a {venue.Type}.");
        }
        else
        {
            var items = (await packs.ItemsAsync(pack.Id, ct)).ToDictionary(i => i.Id);
            var seen = new HashSet<Guid>();
            for (var n = 0; n < s.Items.Count; n++)
            {
                var r = s.Items[n];
                if (!items.TryGetValue(r.ItemId, out var item))
                {
                    Add(e, $"items[{n}].itemId", "The item is not part of this pack version.");
                    continue;
                }
                if (!seen.Add(r.ItemId))
                {
                    Add(e, $"items[{n}].itemId", "The item is answered twice.");
                }
                if (!string.Equals(r.Code, item.Code, StringComparison.Ordinal))
                {
                    Add(e, $"items[{n}].code", $"The item's code is {item.Code}.");
                }
                if (!Enum.IsDefined(r.Outcome))
                {
                    Add(e, $"items[{n}].outcome", "Outcome must be Pass, Fail or NotApplicable.");
                }
                if (departmentKinds.Count > 0 && !departmentKinds.Contains(item.DepartmentKind))
                {
                    Add(e, $"items[{n}].itemId", $"The item belongs to {item.DepartmentKind}, which is not on the team.");
                }
                if (r.Note is { Length: > 2000 })
                {
                    Add(e, $"items[{n}].note", "At most 2000 characters.");
                }
                visitItems.Add(new VisitItem(visitId, item.Id, item.Code, item.DepartmentKind, (DomainItemOutcome)(int)r.Outcome, r.Note));
            }
            if (departmentKinds.Count > 0)
            {
                var missing = ChecklistUnion.MissingCodes(items.Values, departmentKinds, seen);
                if (missing.Count > 0)
                {
                    Add(e, "items", $"Items of the departments present are not answered: {string.Join(", ", missing)}.");
                }
            }
        }

        // Record: IDs shown, recusal offered, the person present, signatures.
        if (!s.EnforcementIdsShown)
        {
            Add(e, "enforcementIdsShown", "The officers must show their enforcement IDs.");
        }
        if (!s.RecusalOffered)
        {
            Add(e, "recusalOffered", "The party must be told of the right to ask for recusal.");
        }
        if (string.IsNullOrWhiteSpace(s.PersonPresent.Name) || s.PersonPresent.Name.Length > 50)
        {
            Add(e, "personPresent.name", "The person present's name is required (at most 50 characters).");
        }
        if (s.PersonPresent.IdNumber is { } idNumber && !ResidentId.IsValid(idNumber))
        {
            Add(e, "personPresent.idNumber", "The resident ID number fails the GB 11643 check.");
        }
        if (s.PersonPresent.Role is { Length: > 50 })
        {
            Add(e, "personPresent.role", "At most 50 characters.");
        }
        if (s.PersonPresent.Phone is { Length: > 32 })
        {
            Add(e, "personPresent.phone", "At most 32 characters.");
        }
        if (s.FindingsText is { Length: > 4000 })
        {
            Add(e, "findingsText", "At most 4000 characters.");
        }
        if (s.PartyComments is { Length: > 2000 })
        {
            Add(e, "partyComments", "At most 2000 characters.");
        }
        var roles = s.Signatures.GroupBy(x => x.Role).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (role, count) in roles.Where(r => r.Value > 1))
        {
            Add(e, "signatures", $"{role} signed {count} times.");
        }
        if (!roles.ContainsKey(Inspections.Capture.Contracts.SignerRole.Officer1) || !roles.ContainsKey(Inspections.Capture.Contracts.SignerRole.Officer2))
        {
            Add(e, "signatures", "Both officers sign the record.");
        }
        if (s.PartyRefusedToSign)
        {
            if (string.IsNullOrWhiteSpace(s.WitnessName) || !roles.ContainsKey(Inspections.Capture.Contracts.SignerRole.Witness))
            {
                Add(e, "witnessName", "When the party refuses to sign, a witness signs and is named.");
            }
        }
        else if (!roles.ContainsKey(Inspections.Capture.Contracts.SignerRole.Party))
        {
            Add(e, "signatures", "The party signs the record (or refuses, with a witness).");
        }
        for (var n = 0; n < s.Signatures.Count; n++)
        {
            if (!Enum.IsDefined(s.Signatures[n].Role))
            {
                Add(e, $"signatures[{n}].role", "Unknown signer role.");
            }
            if (string.IsNullOrWhiteSpace(s.Signatures[n].Name) || s.Signatures[n].Name.Length > 50)
            {
                Add(e, $"signatures[{n}].name", "The signer's name is required (at most 50 characters).");
            }
        }

        // Photo and signature references.
        foreach (var bad in references.Where(r => !PhotoStore.IsSha256(r)))
        {
            Add(e, "photos", $"'{bad}' is not a SHA-256 in hex.");
        }

        Guid? operationId = null;
        if (s.PlannedVisitId is { } planned)
        {
            operationId = await PlannedVisitIds.OperationOfAsync(db, planned, s.VenueId, ct);
            if (operationId is null)
            {
                Add(e, "plannedVisitId", "No such stop of a plan at this venue.");
            }
        }

        if (e.Count > 0)
        {
            return (new SyncOutcome.Invalid(Freeze(e)), null, false);
        }

        // Rule breaks (422) after the shape is right: the distance, then the files.
        var distance = venue!.Distance;
        if (!CheckInRule.IsAcceptable(distance, o.CheckInWarningMetres, s.CheckIn.DistanceAckReason))
        {
            return (new SyncOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["checkIn.distanceAckReason"] = [$"The check-in is {distance:0} m from the venue (limit {o.CheckInWarningMetres} m): give a reason."],
            }, RuleBroken: true, Code: "checkin-distance"), null, false);
        }
        // A row whose file is gone counts as missing too: the tablet uploads it again and the upload rewrites the file
        // (the orphan clean-up deletes files before its commit; a commit that then fails leaves rows without files).
        var blobs = found.Blobs;
        var root = PhotoStore.ResolveRoot(o, env.ContentRootPath);
        var missingFiles = references.Where(r => !blobs.TryGetValue(r, out var b) || !File.Exists(Path.Combine(root, b.StoredPath))).ToList();
        if (missingFiles.Count > 0)
        {
            return (new SyncOutcome.MissingPhotos(missingFiles), null, false);
        }

        // PostgreSQL keeps microseconds: the receipt of the first answer must equal the stored one.
        var received = clock.GetUtcNow();
        var now = new DateTimeOffset(received.UtcTicks - (received.UtcTicks % 10), TimeSpan.Zero);
        var visit = new Visit(new VisitData(
            visitId, s.VenueId, s.PlannedVisitId, operationId, (DomainVisitKind)(int)s.Kind, s.ReinspectionOfNoticeId, venue.JurisdictionId,
            officerIds, [.. departmentKinds.Select(k => k.ToString())], s.PackId, s.PackVersion,
            s.CheckIn.At, point, s.CheckIn.AccuracyMetres, Math.Round(distance, 1), s.CheckIn.DistanceAckReason,
            s.PersonPresent.Name, s.PersonPresent.Role, s.PersonPresent.IdNumber, s.PersonPresent.Phone,
            s.EnforcementIdsShown, s.RecusalOffered, s.FindingsText, s.PartyComments, s.PartyRefusedToSign, s.WitnessName,
            s.DeviceStartedAt, s.DeviceSubmittedAt, now, hash, user.UserName, content));
        foreach (var item in visitItems)
        {
            visit.AddItem(item);
        }
        var photoSeen = new HashSet<(string?, string)>();
        foreach (var (code, sha) in s.Items.SelectMany(i => i.Photos.Select(p => ((string?)i.Code, p))).Concat(s.GeneralPhotos.Select(p => ((string?)null, p))))
        {
            if (photoSeen.Add((code, sha)))
            {
                var b = blobs[sha];
                visit.AddPhoto(new VisitPhoto(Guid.CreateVersion7(), visitId, code, sha, b.StoredPath, b.ContentType, b.Width, b.Height, b.UploadedAt, b.Bytes));
            }
        }
        foreach (var x in s.Signatures)
        {
            visit.AddSignature(new VisitSignature(visitId, (DomainSignerRole)(int)x.Role, x.Name, x.Sha256, blobs[x.Sha256].StoredPath));
        }
        return (null, visit, false);
    }

    /// <summary>
    /// The rows validation needs, in one round trip (a batch on the request's connection): the user's jurisdictions when
    /// not resolved yet (the sync endpoint skips the usual preload for this), whether the visit id is taken (by anyone:
    /// unfiltered on purpose), the venue with its check-in distance on the spheroid and its street, the officers with
    /// their department kinds, and the uploaded files. Raw SQL does not see the query filters, so the user's scope is
    /// applied here explicitly, from the same SQL <see cref="UserScope"/> resolves it with, exactly as
    /// <see cref="InspectionsDbContext"/>'s jurisdiction filters do: venues of the user's own jurisdictions; officers and
    /// their departments of the readable ones (own and the street above).
    /// </summary>
    private async Task<Found> LookUpAsync(Guid visitId, Guid venueId, NetTopologySuite.Geometries.Point point, List<Guid> officerIds, List<string> references, CancellationToken ct)
    {
        var scope = db.Scope as UserScope;
        var pendingScope = scope?.PendingCommand();
        // Any other scope is the unrestricted one (jobs, tools); were it restricted, no home means nothing is found.
        var (unrestricted, home) = scope?.SqlParameters() ?? (db.Scope.IsUnrestricted, null);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM visits WHERE id = $1)") { Parameters = { new() { Value = visitId } } },
                new NpgsqlBatchCommand($"""
                    SELECT v.type, v.jurisdiction_id, ST_Distance(v.location, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography), j.parent_id
                    FROM venues v LEFT JOIN jurisdictions j ON j.id = v.jurisdiction_id
                    WHERE v.id = $1 AND v.jurisdiction_id IS NOT NULL AND ($4 OR v.jurisdiction_id IN ({UserScope.OwnedSql("$5")}))
                    """)
                {
                    Parameters = { new() { Value = venueId }, new() { Value = point.X }, new() { Value = point.Y }, new() { Value = unrestricted }, Home(home) },
                },
                new NpgsqlBatchCommand($"""
                    SELECT o.id, o.jurisdiction_id, o.status, d.kind
                    FROM officers o JOIN departments d ON d.id = o.department_id
                    WHERE o.id = ANY($1) AND ($2 OR (o.jurisdiction_id IN ({UserScope.ReadableSql("$3")}) AND d.jurisdiction_id IN ({UserScope.ReadableSql("$3")})))
                    """)
                {
                    Parameters = { new() { Value = officerIds.ToArray() }, new() { Value = unrestricted }, Home(home) },
                },
                new NpgsqlBatchCommand("""
                    SELECT sha256, stored_path, content_type, bytes, width, height, uploaded_by, uploaded_at
                    FROM capture_blobs WHERE sha256 = ANY($1::character(64)[])
                    """)
                {
                    Parameters = { new() { Value = references.Where(PhotoStore.IsSha256).ToArray() } },
                },
            },
        };
        if (pendingScope is not null)
        {
            batch.BatchCommands.Insert(0, pendingScope);
        }
        await using var r = await batch.ExecuteReaderAsync(ct);
        if (pendingScope is not null)
        {
            await scope!.AcceptAsync(r, ct);
            await r.NextResultAsync(ct);
        }
        await r.ReadAsync(ct);
        var stored = r.GetBoolean(0);
        await r.NextResultAsync(ct);
        VenueRow? venue = null;
        Guid? street = null;
        if (await r.ReadAsync(ct))
        {
            venue = new VenueRow(Enum.Parse<VenueType>(r.GetString(0)), r.GetGuid(1), r.GetDouble(2));
            street = await r.IsDBNullAsync(3, ct) ? null : r.GetGuid(3);
        }
        await r.NextResultAsync(ct);
        var officers = new List<OfficerRow>();
        while (await r.ReadAsync(ct))
        {
            officers.Add(new OfficerRow(r.GetGuid(0), r.GetGuid(1), Enum.Parse<OfficerStatus>(r.GetString(2)), Enum.Parse<DepartmentKind>(r.GetString(3))));
        }
        await r.NextResultAsync(ct);
        var blobs = new Dictionary<string, CaptureBlob>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            var b = new CaptureBlob(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt32(4), r.GetInt32(5),
                await r.IsDBNullAsync(6, ct) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7));
            blobs[b.Sha256] = b;
        }
        return new Found(stored, venue, street, officers, blobs);
    }

    private static NpgsqlParameter Home(Guid? home) => new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = home is { } h ? h : DBNull.Value };

    private sealed record VenueRow(VenueType Type, Guid JurisdictionId, double Distance);

    private sealed record OfficerRow(Guid Id, Guid JurisdictionId, OfficerStatus Status, DepartmentKind Kind);

    private sealed record Found(bool Stored, VenueRow? Venue, Guid? Street, List<OfficerRow> Officers, Dictionary<string, CaptureBlob> Blobs);

    private static void Add(Dictionary<string, List<string>> e, string field, string message)
    {
        if (!e.TryGetValue(field, out var list))
        {
            e[field] = list = [];
        }
        list.Add(message);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> e) => e.ToDictionary(p => p.Key, p => p.Value.ToArray());
}
