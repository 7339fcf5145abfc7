using Inspections.Capture.Contracts;

namespace Inspections.Capture.Client.Services;

public enum VisitStatus
{
    /// <summary>Being captured; every change is saved on the device.</summary>
    Draft,

    /// <summary>Submitted by the officer, frozen, waiting in the outbox for a network.</summary>
    Pending,

    /// <summary>The server answered 200/201.</summary>
    Synced,

    /// <summary>The server answered 409: it holds different content under the same id; both kept for review.</summary>
    Conflict,

    /// <summary>The server answered 400 (field errors); the officer reopens, fixes and resubmits under the same id.</summary>
    Rejected,
}

/// <summary>One visit as the tablet keeps it in IndexedDB, from the first tap to the server's receipt.</summary>
public sealed class VisitDraft
{
    public Guid Id { get; set; }
    public VisitStatus Status { get; set; }
    public VenueCard Venue { get; set; } = null!;
    public VisitKind Kind { get; set; }
    public Guid? PlannedVisitId { get; set; }
    public Guid? ReinspectionOfNoticeId { get; set; }
    public List<string> ReinspectionItemCodes { get; set; } = [];
    public List<Guid> OfficerIds { get; set; } = [];
    public Guid? PackId { get; set; }
    public int PackVersion { get; set; }

    public DateTimeOffset? CheckInAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? AccuracyMetres { get; set; }
    public double? DistanceMetres { get; set; }
    public string? DistanceAckReason { get; set; }

    public bool EnforcementIdsShown { get; set; }
    public bool RecusalOffered { get; set; }
    public string PersonName { get; set; } = string.Empty;
    public string? PersonRole { get; set; }
    public string? PersonIdNumber { get; set; }
    public string? PersonPhone { get; set; }

    public Dictionary<Guid, ItemDraft> Items { get; set; } = [];
    public List<string> GeneralPhotos { get; set; } = [];
    public string? FindingsText { get; set; }
    public string? PartyComments { get; set; }
    public bool PartyRefusedToSign { get; set; }
    public string? WitnessName { get; set; }
    public Dictionary<SignerRole, string> Signatures { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Frozen at submit: every retry sends exactly these bytes, so the server sees a duplicate, not a conflict.</summary>
    public VisitSubmission? Submission { get; set; }

    public List<string> UploadedBlobs { get; set; } = [];
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public VisitReceipt? Receipt { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }

    public IEnumerable<string> AllBlobs() =>
        Submission is null
            ? []
            : Submission.Items.SelectMany(i => i.Photos).Concat(Submission.GeneralPhotos)
                .Concat(Submission.Signatures.Select(s => s.Sha256)).Distinct(StringComparer.Ordinal);
}

public sealed class ItemDraft
{
    public ItemOutcome? Outcome { get; set; }
    public string? Note { get; set; }
    public List<string> Photos { get; set; } = [];
}

public sealed record PhotoTaken(string Sha256, int Width, int Height, long Bytes);

public sealed record GeoResult(bool Ok, double Latitude, double Longitude, double Accuracy, string? Error);

public static class Geo
{
    /// <summary>Great-circle distance in metres (WGS-84 sphere approximation, good to metres at these distances).</summary>
    public static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_008.8;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
