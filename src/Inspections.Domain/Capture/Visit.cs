using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using NetTopologySuite.Geometries;

namespace Inspections.Domain.Capture;

/// <summary>
/// One inspection visit as submitted from a tablet (ADR 11, ADR 12). Append-only: the id is the client's UUID, a
/// second submission under the same id never changes the row (a duplicate is answered from it, different content
/// is kept in <see cref="VisitConflict"/>).
/// </summary>
public sealed class Visit
{
    private readonly List<VisitItem> _items = [];
    private readonly List<VisitPhoto> _photos = [];
    private readonly List<VisitSignature> _signatures = [];

    private Visit()
    {
        OfficerIds = [];
        DepartmentKinds = [];
        CheckinLocation = Geo.Point(0, 0);
        PersonPresentName = ContentSha256 = Content = string.Empty;
    }

    public Visit(VisitData d)
    {
        Id = d.Id;
        VenueId = d.VenueId;
        PlannedVisitId = d.PlannedVisitId;
        PlannedOperationId = d.PlannedOperationId;
        Kind = d.Kind;
        ReinspectionOfNoticeId = d.ReinspectionOfNoticeId;
        JurisdictionId = d.JurisdictionId;
        OfficerIds = [.. d.OfficerIds];
        DepartmentKinds = [.. d.DepartmentKinds.Distinct().Order()];
        PackId = d.PackId;
        PackVersion = d.PackVersion;
        CheckinAt = d.CheckinAt;
        CheckinLocation = d.CheckinLocation;
        CheckinAccuracyM = d.CheckinAccuracyM;
        CheckinDistanceM = d.CheckinDistanceM;
        DistanceAckReason = d.DistanceAckReason;
        PersonPresentName = d.PersonPresentName;
        PersonPresentRole = d.PersonPresentRole;
        PersonPresentIdNumber = d.PersonPresentIdNumber;
        PersonPresentIdMasked = d.PersonPresentIdNumber is null ? null : Identifiers.ResidentId.Mask(d.PersonPresentIdNumber);
        PersonPresentPhone = d.PersonPresentPhone;
        EnforcementIdsShown = d.EnforcementIdsShown;
        RecusalOffered = d.RecusalOffered;
        FindingsText = d.FindingsText;
        PartyComments = d.PartyComments;
        PartyRefusedToSign = d.PartyRefusedToSign;
        WitnessName = d.WitnessName;
        DeviceStartedAt = d.DeviceStartedAt;
        DeviceSubmittedAt = d.DeviceSubmittedAt;
        ServerReceivedAt = SubmittedAt = d.ServerReceivedAt;
        ContentSha256 = d.ContentSha256;
        SubmittedBy = d.SubmittedBy;
        Content = d.Content;
        Status = VisitStatus.Submitted;
    }

    public Guid Id { get; private set; }

    public Guid VenueId { get; private set; }

    /// <summary>The plan stop (name-based id of operation, team and sequence; see <c>PlannedVisitIds</c>).</summary>
    public Guid? PlannedVisitId { get; private set; }

    public Guid? PlannedOperationId { get; private set; }

    public VisitKind Kind { get; private set; }

    public Guid? ReinspectionOfNoticeId { get; private set; }

    /// <summary>The venue's community at submission time (scoping).</summary>
    public Guid JurisdictionId { get; private set; }

    public Guid[] OfficerIds { get; private set; }

    /// <summary>Department kinds present (of the officers), as text, sorted.</summary>
    public string[] DepartmentKinds { get; private set; }

    public Guid PackId { get; private set; }

    public int PackVersion { get; private set; }

    /// <summary>Device time of the check-in.</summary>
    public DateTimeOffset CheckinAt { get; private set; }

    public Point CheckinLocation { get; private set; }

    public double? CheckinAccuracyM { get; private set; }

    /// <summary>Recomputed by the server from the stored point and the venue's location (metres on the spheroid).</summary>
    public double CheckinDistanceM { get; private set; }

    public string? DistanceAckReason { get; private set; }

    public string PersonPresentName { get; private set; }

    public string? PersonPresentRole { get; private set; }

    /// <summary>Personal data (GB 11643, normalised): shown masked only, masked in the audit trail.</summary>
    public string? PersonPresentIdNumber { get; private set; }

    public string? PersonPresentIdMasked { get; private set; }

    public string? PersonPresentPhone { get; private set; }

    public bool EnforcementIdsShown { get; private set; }

    public bool RecusalOffered { get; private set; }

    public string? FindingsText { get; private set; }

    public string? PartyComments { get; private set; }

    public bool PartyRefusedToSign { get; private set; }

    public string? WitnessName { get; private set; }

    public DateTimeOffset DeviceStartedAt { get; private set; }

    public DateTimeOffset DeviceSubmittedAt { get; private set; }

    public DateTimeOffset ServerReceivedAt { get; private set; }

    /// <summary>= <see cref="ServerReceivedAt"/>, for reporting.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }

    public string ContentSha256 { get; private set; }

    public string? SubmittedBy { get; private set; }

    /// <summary>The canonical submission (jsonb) with the person present's ID number masked; the hash is over the unmasked form.</summary>
    public string Content { get; private set; }

    public VisitStatus Status { get; private set; }

    public IReadOnlyList<VisitItem> Items => _items;

    public IReadOnlyList<VisitPhoto> Photos => _photos;

    public IReadOnlyList<VisitSignature> Signatures => _signatures;

    public void AddItem(VisitItem item) => _items.Add(item);

    public void AddPhoto(VisitPhoto photo) => _photos.Add(photo);

    public void AddSignature(VisitSignature signature) => _signatures.Add(signature);
}

public sealed record VisitData(
    Guid Id,
    Guid VenueId,
    Guid? PlannedVisitId,
    Guid? PlannedOperationId,
    VisitKind Kind,
    Guid? ReinspectionOfNoticeId,
    Guid JurisdictionId,
    IReadOnlyList<Guid> OfficerIds,
    IReadOnlyList<string> DepartmentKinds,
    Guid PackId,
    int PackVersion,
    DateTimeOffset CheckinAt,
    Point CheckinLocation,
    double? CheckinAccuracyM,
    double CheckinDistanceM,
    string? DistanceAckReason,
    string PersonPresentName,
    string? PersonPresentRole,
    string? PersonPresentIdNumber,
    string? PersonPresentPhone,
    bool EnforcementIdsShown,
    bool RecusalOffered,
    string? FindingsText,
    string? PartyComments,
    bool PartyRefusedToSign,
    string? WitnessName,
    DateTimeOffset DeviceStartedAt,
    DateTimeOffset DeviceSubmittedAt,
    DateTimeOffset ServerReceivedAt,
    string ContentSha256,
    string? SubmittedBy,
    string Content);

public sealed class VisitItem : IAuditedThroughAggregate
{
    private VisitItem()
    {
        ItemCode = string.Empty;
    }

    public VisitItem(Guid visitId, Guid itemId, string itemCode, DepartmentKind departmentKind, ItemOutcome outcome, string? note)
    {
        VisitId = visitId;
        ItemId = itemId;
        ItemCode = itemCode;
        DepartmentKind = departmentKind;
        Outcome = outcome;
        Note = note;
    }

    public Guid VisitId { get; private set; }

    public Guid ItemId { get; private set; }

    public string ItemCode { get; private set; }

    public DepartmentKind DepartmentKind { get; private set; }

    public ItemOutcome Outcome { get; private set; }

    public string? Note { get; private set; }
}

public sealed class VisitPhoto : IAuditedThroughAggregate
{
    private VisitPhoto()
    {
        Sha256 = StoredPath = ContentType = string.Empty;
    }

    public VisitPhoto(Guid id, Guid visitId, string? itemCode, string sha256, string storedPath, string contentType, int width, int height,
        DateTimeOffset? takenAt, long bytes)
    {
        Id = id;
        VisitId = visitId;
        ItemCode = itemCode;
        Sha256 = sha256;
        StoredPath = storedPath;
        ContentType = contentType;
        Width = width;
        Height = height;
        TakenAt = takenAt;
        Bytes = bytes;
    }

    public Guid Id { get; private set; }

    public Guid VisitId { get; private set; }

    /// <summary>Null for a general photo of the visit.</summary>
    public string? ItemCode { get; private set; }

    public string Sha256 { get; private set; }

    /// <summary>Relative to <c>Capture:PhotoRoot</c>.</summary>
    public string StoredPath { get; private set; }

    public string ContentType { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Server time the file was first uploaded (device time is the visit's).</summary>
    public DateTimeOffset? TakenAt { get; private set; }

    public long Bytes { get; private set; }
}

public sealed class VisitSignature : IAuditedThroughAggregate
{
    private VisitSignature()
    {
        SignerName = Sha256 = StoredPath = string.Empty;
    }

    public VisitSignature(Guid visitId, SignerRole signer, string signerName, string sha256, string storedPath)
    {
        VisitId = visitId;
        Signer = signer;
        SignerName = signerName;
        Sha256 = sha256;
        StoredPath = storedPath;
    }

    public Guid VisitId { get; private set; }

    public SignerRole Signer { get; private set; }

    public string SignerName { get; private set; }

    public string Sha256 { get; private set; }

    public string StoredPath { get; private set; }
}

/// <summary>An uploaded photo or signature file, before and after a visit references it (content-addressed).</summary>
public sealed class CaptureBlob
{
    private CaptureBlob()
    {
        Sha256 = StoredPath = ContentType = string.Empty;
    }

    public CaptureBlob(string sha256, string storedPath, string contentType, long bytes, int width, int height, string? uploadedBy, DateTimeOffset uploadedAt)
    {
        Sha256 = sha256;
        StoredPath = storedPath;
        ContentType = contentType;
        Bytes = bytes;
        Width = width;
        Height = height;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public string Sha256 { get; private set; }

    public string StoredPath { get; private set; }

    public string ContentType { get; private set; }

    public long Bytes { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public string? UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}
