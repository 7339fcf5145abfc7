namespace Inspections.Domain.Common;

/// <summary>
/// Marks a child row of an aggregate that is audited as a whole: the root's audit entry stands for the aggregate (for a
/// visit: its canonical content hash and the number of child rows of each kind), so no audit entry is written per child
/// row. Only for children that are written together with their root and never changed on their own (a submitted visit
/// is immutable and its canonical content is stored with it).
/// </summary>
public interface IAuditedThroughAggregate;
