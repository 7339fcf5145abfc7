namespace Inspections.Domain.Rectification;

/// <summary>Life of a 责令（限期）改正通知书. Stored as text; never renumber.</summary>
public enum NoticeStatus
{
    /// <summary>Drafted from a submitted visit; fields editable; no number yet.</summary>
    Draft,

    /// <summary>Numbered (number assigned at issue time); not yet served on the party.</summary>
    Issued,

    /// <summary>Served on the party (signed, or refused before a witness).</summary>
    Served,

    /// <summary>Every item rectified at re-inspection (整改到位); closed at the same moment.</summary>
    Rectified,

    /// <summary>The deadline passed without a re-inspection finding every item rectified.</summary>
    Overdue,

    /// <summary>Referred for a penalty case (立案) and put on the 通报 list.</summary>
    Escalated,

    /// <summary>Done: rectified and filed, or withdrawn.</summary>
    Closed,
}

/// <summary>How the notice reached the party (送达方式).</summary>
public enum ServiceMethod
{
    /// <summary>Handed over during the visit (当场送达).</summary>
    OnSite,

    /// <summary>Handed over later in person (直接送达).</summary>
    InPerson,

    /// <summary>The party refused to sign; left at the premises before a witness (留置送达).</summary>
    LeftWithWitness,
}

/// <summary>Outcome of one item at re-inspection (复查).</summary>
public enum ReinspectionOutcome
{
    Rectified,
    NotRectified,
}

public enum ReinspectionTaskStatus
{
    Open,
    Done,
    Cancelled,
}

public enum NotificationKind
{
    /// <summary>A notice's deadline is near: the re-inspection is due soon.</summary>
    DeadlineApproaching,

    /// <summary>A re-inspection task became due today.</summary>
    ReinspectionDue,

    /// <summary>A notice was escalated (penalty referral).</summary>
    Escalated,
}
