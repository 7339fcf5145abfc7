namespace Inspections.Capture.Contracts;

// Enums travel as strings (JsonStringEnumConverter on both sides). Never renumber or rename members.

public enum VisitKind
{
    Planned,
    AdHoc,
    Complaint,
    Reinspection,
}

public enum ItemOutcome
{
    Pass,
    Fail,
    NotApplicable,
}

public enum SignerRole
{
    Party,
    Witness,
    Officer1,
    Officer2,
}

/// <summary>GET /api/capture/bootstrap — everything the tablet caches to work offline for the day.</summary>
public sealed record CaptureBootstrap(
    CaptureUser User,
    IReadOnlyList<TeamOfficer> Officers,
    IReadOnlyList<ChecklistPackDto> Packs,
    CaptureSettings Settings,
    DateTimeOffset ServerTime);

public sealed record CaptureUser(Guid UserId, string UserName, string DisplayName, Guid? OfficerId, string? DepartmentKind);

/// <summary>An officer of the user's street who can be on a team (for ad-hoc visits).</summary>
public sealed record TeamOfficer(Guid Id, string Name, string DepartmentKind, string DepartmentName, string EnforcementIdNumber);

public sealed record CaptureSettings(int CheckInWarningMetres, int PhotoMaxLongSidePx, long PhotoMaxBytes);

/// <summary>The current version of one venue type's pack. A joint visit shows the items of the departments present.</summary>
public sealed record ChecklistPackDto(
    Guid Id,
    string VenueType,
    int Version,
    string TitleZh,
    string TitleEn,
    IReadOnlyList<ChecklistItemDto> Items);

public sealed record ChecklistItemDto(
    Guid Id,
    string Code,
    int SortOrder,
    string TextZh,
    string TextEn,
    string DepartmentKind,
    string LegalBasis,
    string? PenaltyBasis,
    string? PenaltyRangeZh,
    string Severity,
    int DefaultDeadlineDays,
    string? RequirementZh);

/// <summary>GET /api/capture/today?date=yyyy-MM-dd — the signed-in officer's visits of the day (plan, re-inspections).</summary>
public sealed record Assignment(
    Guid? PlannedVisitId,
    Guid? OperationId,
    int? TeamNumber,
    int? Sequence,
    DateTimeOffset? ArrivalAt,
    VisitKind Kind,
    Guid? ReinspectionOfNoticeId,
    IReadOnlyList<string> ReinspectionItemCodes,
    IReadOnlyList<Guid> TeamOfficerIds,
    IReadOnlyList<string> Reasons,
    VenueCard Venue);

/// <summary>A venue as the tablet shows it (also GET /api/capture/venues?search=… for ad-hoc visits).</summary>
public sealed record VenueCard(
    Guid Id,
    string Name,
    string Type,
    string Address,
    double Latitude,
    double Longitude,
    string RiskClass,
    string? CreditCode,
    string? LegalRepresentative,
    VenueHistory History);

public sealed record VenueHistory(
    DateTimeOffset? LastVisitAt,
    int LastVisitFailedItems,
    IReadOnlyList<string> LastFindings,
    IReadOnlyList<OpenNotice> OpenNotices);

public sealed record OpenNotice(Guid Id, string Number, string Status, DateOnly Deadline, IReadOnlyList<string> ItemCodes);

/// <summary>
/// PUT /api/capture/photos/{sha256} with the raw bytes (image/jpeg, image/png or image/webp; signatures are PNGs
/// sent the same way). Idempotent; 400 when the bytes do not hash to {sha256}.
/// </summary>
public sealed record PhotoReceipt(string Sha256, long Bytes, int Width, int Height);

/// <summary>
/// PUT /api/capture/visits/{visitId} where visitId is generated on the tablet when the visit starts.
/// 201 first time, 200 the same content again (Duplicate = true), 409 different content under the same id
/// (both versions kept for review), 422 "missing-photos" (extension missingPhotos: sha256 list) when a referenced
/// photo or signature has not been uploaded yet, 400 field errors.
/// </summary>
public sealed record VisitSubmission(
    Guid VenueId,
    Guid? PlannedVisitId,
    VisitKind Kind,
    Guid? ReinspectionOfNoticeId,
    IReadOnlyList<Guid> OfficerIds,
    Guid PackId,
    int PackVersion,
    CheckIn CheckIn,
    PersonPresent PersonPresent,
    bool EnforcementIdsShown,
    bool RecusalOffered,
    IReadOnlyList<ItemResult> Items,
    IReadOnlyList<string> GeneralPhotos,
    string? FindingsText,
    string? PartyComments,
    bool PartyRefusedToSign,
    string? WitnessName,
    IReadOnlyList<SignatureRef> Signatures,
    DateTimeOffset DeviceStartedAt,
    DateTimeOffset DeviceSubmittedAt);

/// <summary>Device time and WGS-84 position at check-in; a reason is required when farther than the warning distance.</summary>
public sealed record CheckIn(DateTimeOffset At, double Latitude, double Longitude, double? AccuracyMetres, string? DistanceAckReason);

/// <summary>The venue's person present. IdNumber (GB 11643) is optional, validated and masked by the server.</summary>
public sealed record PersonPresent(string Name, string? Role, string? IdNumber, string? Phone);

public sealed record ItemResult(Guid ItemId, string Code, ItemOutcome Outcome, string? Note, IReadOnlyList<string> Photos);

public sealed record SignatureRef(SignerRole Role, string Name, string Sha256);

public sealed record VisitReceipt(
    Guid VisitId,
    string ContentSha256,
    DateTimeOffset ServerReceivedAt,
    bool Duplicate,
    IReadOnlyList<Guid> NoticeIds);
