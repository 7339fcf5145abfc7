using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Inspections.Infrastructure.Registry;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Audit;

public sealed record AuditQuery(string? EntityType, string? EntityId, string? UserName, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 50);

public sealed record AuditRecord(long Seq, DateTimeOffset At, string UserName, string EntityType, string EntityId, string Action, string? Before, string? After, string Hash);

/// <summary>A place where the chain does not hold: the row was changed, a row before it is missing, or rows were cut off the end.</summary>
public sealed record AuditBreak(long? Seq, long? Id, string Problem);

public sealed record AuditVerification(bool Intact, long Rows, string? LastHash, IReadOnlyList<AuditBreak> Breaks);

public sealed class AuditLog(InspectionsDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<PagedResult<AuditRecord>> SearchAsync(AuditQuery q, CancellationToken ct = default)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.EntityType))
        {
            query = query.Where(a => a.EntityType == q.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(q.EntityId))
        {
            query = query.Where(a => a.EntityId == q.EntityId);
        }
        if (!string.IsNullOrWhiteSpace(q.UserName))
        {
            query = query.Where(a => a.UserName == q.UserName);
        }
        if (q.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }
        if (q.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }
        var page = Math.Max(1, q.Page);
        var size = Math.Clamp(q.PageSize, 1, 500);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Seq).Skip((page - 1) * size).Take(size)
            .Select(a => new AuditRecord(a.Seq, a.At, a.UserName, a.EntityType, a.EntityId, a.Action, a.Before, a.After, a.Hash))
            .ToListAsync(ct);
        return new PagedResult<AuditRecord>(rows, page, size, total);
    }

    /// <summary>Records that personal data was shown in full (no value is stored, only the fact).</summary>
    public async Task RecordRevealAsync(string entityType, Guid entityId, string field, CancellationToken ct = default)
    {
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserName = user.UserName,
            EntityType = entityType,
            EntityId = entityId.ToString(),
            Action = AuditActions.Revealed,
            After = System.Text.Json.JsonSerializer.Serialize(new { field }),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Recomputes every row's hash and link in the database and compares the end with the head record.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var breaks = await db.Database.SqlQuery<AuditBreakRow>(
                $"""
                WITH chain AS (
                    SELECT seq, id, hash, prev_hash,
                           lag(hash) OVER (ORDER BY seq) AS expected_prev,
                           lag(seq) OVER (ORDER BY seq) AS prev_seq,
                           audit_row_hash(prev_hash, id, at, user_name, entity_type, entity_id, action, before, after) AS recomputed
                    FROM audit_log)
                SELECT seq, id,
                       CASE WHEN recomputed <> hash THEN 'modified'
                            WHEN seq <> coalesce(prev_seq, 0) + 1 THEN 'missing_before'
                            ELSE 'broken_link' END AS problem
                FROM chain
                WHERE recomputed <> hash OR prev_hash IS DISTINCT FROM expected_prev OR seq <> coalesce(prev_seq, 0) + 1
                ORDER BY seq
                LIMIT 100
                """)
            .ToListAsync(ct);
        var result = breaks.Select(b => new AuditBreak(b.Seq, b.Id, b.Problem)).ToList();
        var head = await db.Database.SqlQuery<AuditHeadRow>(
                $"""
                SELECT (SELECT count(*) FROM audit_log) AS rows,
                       (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last_hash,
                       h.count AS head_count, h.last_hash AS head_hash
                FROM (SELECT 1) one LEFT JOIN audit_head h ON h.id = 1
                """)
            .SingleAsync(ct);
        if ((head.HeadCount ?? 0) != head.Rows || head.HeadHash != head.LastHash)
        {
            result.Add(new AuditBreak(null, null, "end_cut"));
        }
        return new AuditVerification(result.Count == 0, head.Rows, head.LastHash, result);
    }

    private sealed class AuditBreakRow
    {
        public long Seq { get; set; }

        public long Id { get; set; }

        public string Problem { get; set; } = string.Empty;
    }

    private sealed class AuditHeadRow
    {
        public long Rows { get; set; }

        public string? LastHash { get; set; }

        public long? HeadCount { get; set; }

        public string? HeadHash { get; set; }
    }
}
