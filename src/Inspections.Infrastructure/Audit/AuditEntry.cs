namespace Inspections.Infrastructure.Audit;

/// <summary>
/// One change to one record: who, when, what before and after. Rows are chained by SHA-256 in the database
/// (triggers <c>audit_chain</c> and <c>audit_seal</c>, ADR 10 and 21), so an edited, inserted or deleted row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    /// <summary>
    /// Position in the hash chain, assigned at commit by the deferred trigger <c>audit_seal</c> under an advisory lock
    /// (ADR 20); until then, inside the writing transaction only, the placeholder <c>-id</c>.
    /// </summary>
    public long Seq { get; private set; }

    public DateTimeOffset At { get; init; }

    public string UserName { get; init; } = string.Empty;

    public string EntityType { get; init; } = string.Empty;

    public string EntityId { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    /// <summary>Changed properties before the change (jsonb); null for creations.</summary>
    public string? Before { get; init; }

    /// <summary>Changed properties after the change (jsonb); null for deletions.</summary>
    public string? After { get; init; }

    public string? PrevHash { get; private set; }

    public string Hash { get; private set; } = string.Empty;
}

public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";

    /// <summary>A read of personal data that is only shown on request (e.g. a full resident ID).</summary>
    public const string Revealed = "Revealed";
}
