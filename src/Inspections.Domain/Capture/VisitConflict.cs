using Inspections.Domain.Common;

namespace Inspections.Domain.Capture;

/// <summary>What a reviewer decided about a conflicting submission. Replacing the stored visit is deliberately not one.</summary>
public enum ConflictDecision
{
    /// <summary>The stored (first, signed) version stands; the rejected one stays on file as reviewed.</summary>
    KeepStored,

    /// <summary>The rejected version was noise (a re-sent edit, a test); nothing to follow up.</summary>
    Dismissed,
}

/// <summary>
/// A submission under an existing visit id with different content: both versions kept for review (ADR 12). Rows are
/// written by the sync (raw SQL, unique per visit and rejected hash); a lead or administrator resolves them once. The
/// stored visit is never replaced: a submitted record is evidence, and a correction is a new visit.
/// </summary>
public sealed class VisitConflict
{
    public const int NoteMaxLength = 1000;

    private VisitConflict()
    {
        StoredSha256 = RejectedSha256 = StoredContent = RejectedContent = string.Empty;
    }

    public VisitConflict(Guid id, Guid visitId, string storedSha256, string storedContent, string rejectedSha256, string rejectedContent,
        string? submittedBy, DateTimeOffset receivedAt)
    {
        Id = id;
        VisitId = visitId;
        StoredSha256 = storedSha256;
        StoredContent = storedContent;
        RejectedSha256 = rejectedSha256;
        RejectedContent = rejectedContent;
        SubmittedBy = submittedBy;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public Guid VisitId { get; private set; }

    public string StoredSha256 { get; private set; }

    /// <summary>The canonical JSON of the stored submission (jsonb).</summary>
    public string StoredContent { get; private set; }

    public string RejectedSha256 { get; private set; }

    public string RejectedContent { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Row version (PostgreSQL xmin) for optimistic concurrency of the resolution.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public ConflictDecision? Decision { get; private set; }

    public string? Note { get; private set; }

    public bool IsResolved => ResolvedAt is not null;

    /// <summary>Marks the conflict resolved, once. Throws <c>conflict.resolved</c> when it already is, <c>note.*</c> for a bad note.</summary>
    public void Resolve(ConflictDecision decision, string? note, string resolvedBy, DateTimeOffset at)
    {
        if (IsResolved)
        {
            throw new DomainException("conflict.resolved", "The conflict has already been resolved.");
        }
        if (!Enum.IsDefined(decision))
        {
            throw new DomainException("decision.invalid", "Choose KeepStored or Dismissed.");
        }
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("note.required", "Explain the decision in a note.");
        }
        if (text.Length > NoteMaxLength)
        {
            throw new DomainException("note.tooLong", $"At most {NoteMaxLength} characters.");
        }
        Decision = decision;
        Note = text;
        ResolvedBy = resolvedBy;
        ResolvedAt = at;
    }
}
