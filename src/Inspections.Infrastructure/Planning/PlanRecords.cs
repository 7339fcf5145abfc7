using Inspections.Domain.Common;
using Inspections.Domain.Planning;

namespace Inspections.Infrastructure.Planning;

public enum PlanStatus
{
    Draft,
    Approved,
    Superseded,
}

/// <summary>
/// One street's plan for one month, as drawn. Keeps the exact canonical input, seed and draw log so that anyone can
/// replay it after the registry has changed (ADR 8). At most one plan per street and month is not Superseded.
/// </summary>
public sealed class MonthlyPlanRecord : Entity
{
    private MonthlyPlanRecord()
    {
        InputFingerprint = Algorithm = DrawLog = Unplanned = CreatedBy = string.Empty;
        Input = [];
        Edits = "[]";
    }

    public MonthlyPlanRecord(Guid id, Guid streetJurisdictionId, PlanningMonth month, ulong seed, string inputFingerprint, string algorithm,
        byte[] input, string drawLog, string unplanned, string createdBy, DateTimeOffset now)
        : base(id)
    {
        StreetJurisdictionId = streetJurisdictionId;
        Year = month.Year;
        Month = month.Month;
        Status = PlanStatus.Draft;
        Seed = unchecked((long)seed);
        InputFingerprint = inputFingerprint;
        Algorithm = algorithm;
        Input = input;
        DrawLog = drawLog;
        Unplanned = unplanned;
        Edits = "[]";
        CreatedBy = createdBy;
        CreatedAt = UpdatedAt = now;
    }

    /// <summary>The street (街道) the plan was drawn for; the planner and the leads work per street.</summary>
    public Guid StreetJurisdictionId { get; private set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    public PlanStatus Status { get; private set; }

    /// <summary>The 64-bit seed drawn from a cryptographic RNG, stored as its two's-complement bigint.</summary>
    public long Seed { get; private set; }

    public string InputFingerprint { get; private set; }

    public string Algorithm { get; private set; }

    /// <summary>
    /// The <see cref="PlanningInput"/> the plan was drawn from as stored: gzip of its canonical encoding
    /// (<see cref="InputEncoding"/>), or gzip JSON for plans drawn before that; read it with <see cref="RecordedInputDocument"/>.
    /// </summary>
    public byte[] Input { get; private set; }

    /// <summary>The planner's <see cref="DrawRecord"/>s (gzip JSON).</summary>
    public string DrawLog { get; private set; }

    /// <summary>The planner's <see cref="UnplannedVisit"/>s (gzip JSON).</summary>
    public string Unplanned { get; private set; }

    /// <summary>The lead's edits in order (<see cref="PlanEditLogEntry"/>s, jsonb); replay applies them after the draw.</summary>
    public string Edits { get; private set; }

    public string CreatedBy { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Why a plan was changed after approval (or re-approved); required for such changes.</summary>
    public string? ApprovalReason { get; private set; }

    public PlanningMonth PlanningMonth => new(Year, Month);

    public ulong UnsignedSeed => unchecked((ulong)Seed);

    public void Approve(string user, string? reason, DateTimeOffset now)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainException("plan.not_draft", $"Only a draft plan can be approved; this plan is {Status}.");
        }
        Status = PlanStatus.Approved;
        ApprovedBy = user;
        ApprovedAt = now;
        ApprovalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch(now);
    }

    /// <summary>Records an edit already applied to the operation and visit rows; an approved plan changes only with a reason.</summary>
    public void RecordEdit(string edits, string unplanned, string? reason, DateTimeOffset now)
    {
        if (Status == PlanStatus.Superseded)
        {
            throw new DomainException("plan.superseded", "A superseded plan cannot be edited.");
        }
        if (Status == PlanStatus.Approved && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("plan.reason_required", "An approved plan changes only with a reason.");
        }
        Edits = edits;
        Unplanned = unplanned;
        Touch(now);
    }

    public void Supersede(DateTimeOffset now)
    {
        Status = PlanStatus.Superseded;
        Touch(now);
    }
}

/// <summary>One joint operation of a plan. <see cref="Entity.Id"/> is the planner's name-based operation id.</summary>
public sealed class PlannedOperationRecord
{
    private PlannedOperationRecord()
    {
        Teams = [];
    }

    public PlannedOperationRecord(Guid planId, PlannedOperation o)
    {
        Id = o.Id;
        PlanId = planId;
        Number = o.Number;
        JurisdictionId = o.JurisdictionId;
        Date = o.Date;
        Start = o.Start;
        End = o.End;
        Kind = o.Kind;
        Teams = [.. o.Teams.Select(t => new PlannedTeamRecord(t.Number, [.. t.OfficerIds]))];
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Number { get; private set; }

    /// <summary>The community (社区) the operation covers.</summary>
    public Guid JurisdictionId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public OperationKind Kind { get; private set; }

    /// <summary>Teams and their officers, in team order (jsonb).</summary>
    public List<PlannedTeamRecord> Teams { get; private set; }
}

public sealed record PlannedTeamRecord(int Number, List<Guid> OfficerIds);

/// <summary>One entry of a plan's edit log: what was changed, by whom, when and why.</summary>
public sealed record PlanEditLogEntry(PlanEdit Edit, string By, DateTimeOffset At, string? Reason, int Violations);

/// <summary>One stop on a team's route. Written by binary COPY; keyed by (operation, team, sequence).</summary>
public sealed class PlannedVisitRecord
{
    private PlannedVisitRecord()
    {
        Reasons = [];
    }

    public PlannedVisitRecord(Guid planId, Guid operationId, int teamNumber, PlannedVisit v)
    {
        PlanId = planId;
        OperationId = operationId;
        TeamNumber = teamNumber;
        Sequence = v.Sequence;
        VenueId = v.VenueId;
        ArrivalAt = v.ArrivalAt;
        DurationMinutes = v.DurationMinutes;
        TravelMetres = v.TravelMetres;
        TravelMinutes = v.TravelMinutes;
        Reasons = [.. v.Reasons];
    }

    public Guid PlanId { get; private set; }

    public Guid OperationId { get; private set; }

    public int TeamNumber { get; private set; }

    public int Sequence { get; private set; }

    public Guid VenueId { get; private set; }

    /// <summary>Local (China Standard Time) wall-clock time, as the planner gives it.</summary>
    public DateTime ArrivalAt { get; private set; }

    public int DurationMinutes { get; private set; }

    public int TravelMetres { get; private set; }

    public int TravelMinutes { get; private set; }

    public List<VisitReason> Reasons { get; private set; }

    public PlannedVisit ToPlanned() => new(Sequence, VenueId, ArrivalAt, DurationMinutes, TravelMetres, TravelMinutes, Reasons);
}

/// <summary>A declared conflict of interest (回避): the planner never sends the officer to the venue.</summary>
public sealed class OfficerConflictRecord
{
    private OfficerConflictRecord()
    {
        Reason = string.Empty;
    }

    public OfficerConflictRecord(Guid id, Guid officerId, Guid venueId, string reason, DateTimeOffset declaredAt)
    {
        Id = id == Guid.Empty ? Guid.CreateVersion7() : id;
        OfficerId = officerId;
        VenueId = venueId;
        Reason = Guard.Required(reason, nameof(reason), 200);
        DeclaredAt = declaredAt;
    }

    public Guid Id { get; private set; }

    public Guid OfficerId { get; private set; }

    public Guid VenueId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }
}

/// <summary>
/// An officer's private calendar feed. Only the SHA-256 of the secret token is stored: the feed URL is shown once,
/// when it is created or rotated, and a leaked URL is revoked by rotating.
/// </summary>
public sealed class OfficerCalendarFeedRecord
{
    private OfficerCalendarFeedRecord()
    {
        TokenHash = [];
    }

    public OfficerCalendarFeedRecord(Guid officerId, byte[] tokenHash, DateTimeOffset now)
    {
        OfficerId = officerId;
        TokenHash = tokenHash;
        CreatedAt = now;
    }

    public Guid OfficerId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastReadAt { get; private set; }

    public void Rotate(byte[] tokenHash, DateTimeOffset now)
    {
        TokenHash = tokenHash;
        CreatedAt = now;
        LastReadAt = null;
    }
}

/// <summary>A reminder to an officer of tomorrow's operation, written once by the daily job (unique per operation and officer).</summary>
public sealed class OperationReminderRecord
{
    private OperationReminderRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid OperationId { get; private set; }

    public int TeamNumber { get; private set; }

    public Guid OfficerId { get; private set; }

    public DateOnly OperationDate { get; private set; }

    public TimeOnly Start { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }
}
