namespace Inspections.Domain.Capture;

// Stored as text; names match Inspections.Capture.Contracts (the wire format). Never renumber or rename.

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

public enum VisitStatus
{
    Submitted,
    Conflict,
}

public enum ItemSeverity
{
    Minor,
    Major,
    Critical,
}
