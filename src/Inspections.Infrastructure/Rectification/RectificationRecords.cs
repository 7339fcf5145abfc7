using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;

namespace Inspections.Infrastructure.Rectification;

public sealed record NoticeFilter
{
    public NoticeStatus? Status { get; init; }

    public DepartmentKind? DepartmentKind { get; init; }

    public Guid? VenueId { get; init; }

    public Guid? JurisdictionId { get; init; }

    /// <summary>Free text: number or party name.</summary>
    public string? Q { get; init; }

    public DateOnly? DeadlineFrom { get; init; }

    public DateOnly? DeadlineTo { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record NoticeSummary(
    Guid Id,
    string? Number,
    NoticeStatus Status,
    string PartyName,
    Guid VenueId,
    string IssuingAuthority,
    DepartmentKind DepartmentKind,
    DateOnly Deadline,
    DateOnly? IssuedOn,
    DateTimeOffset InspectedAt,
    int ItemCount,
    uint Version);

public sealed record NoticePage(int Total, IReadOnlyList<NoticeSummary> Items);

public sealed record NoticeItemDto(
    Guid Id,
    string ItemCode,
    string ItemText,
    string? Observation,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRange,
    string Requirement,
    DateOnly Deadline,
    ReinspectionOutcome? Outcome);

public sealed record EscalationDto(string PenaltyBasis, string PenaltyRange, string Reason, DateTimeOffset ReferredAt, bool OnNotificationList);

public sealed record NoticeDetails(
    Guid Id,
    Guid VisitId,
    Guid VenueId,
    string VenueName,
    Guid JurisdictionId,
    Guid DepartmentId,
    DepartmentKind DepartmentKind,
    string IssuingAuthority,
    string? Number,
    NoticeStatus Status,
    string PartyName,
    string? PartyCreditCode,
    string? PartyAddress,
    string? PartyLegalRepresentative,
    DateTimeOffset InspectedAt,
    string FactsFound,
    string SpecificLegalBasis,
    string Consequences,
    string ReviewAuthority,
    string Court,
    string? ContactPerson,
    string? ContactPhone,
    DateOnly Deadline,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ServedAt,
    ServiceMethod? ServiceMethod,
    bool PartySigned,
    string? ReceivedBy,
    bool PartyRefused,
    string? Witness,
    string? ServedBy,
    string VerificationUrl,
    Guid? ReinspectionVisitId,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? EscalatedAt,
    IReadOnlyList<NoticeItemDto> Items,
    EscalationDto? Escalation,
    uint Version);

/// <summary>What the anonymous verification page shows: no personal data (no party, no people, no findings).</summary>
public sealed record NoticeVerification(
    string Number,
    string IssuingAuthority,
    DateOnly IssuedOn,
    NoticeStatus Status,
    DateOnly Deadline);

/// <summary>A re-inspection due for an officer: what the capture app's "today" list shows.</summary>
public sealed record ReinspectionAssignment(
    Guid TaskId,
    Guid NoticeId,
    string? NoticeNumber,
    Guid VenueId,
    DateOnly DueDate,
    IReadOnlyList<Guid> OfficerIds,
    IReadOnlyList<string> ItemCodes,
    ReinspectionTaskStatus Status);

public sealed record NotificationDto(Guid Id, NotificationKind Kind, Guid NoticeId, DateOnly DueDate, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The original photos of one item under rectification (files served by capture by their SHA-256).</summary>
public sealed record ItemPhotos(string ItemCode, string ItemText, Guid VisitId, IReadOnlyList<PhotoRef> Photos);

public sealed record PhotoRef(Guid Id, string ItemCode, string Sha256, string ContentType, int Width, int Height, DateTimeOffset? TakenAt);
