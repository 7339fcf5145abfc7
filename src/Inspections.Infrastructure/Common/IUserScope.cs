namespace Inspections.Infrastructure.Common;

/// <summary>
/// The jurisdictions the current user's data is limited to. Read by the DbContext's query filters, so every query
/// of venues, schools, officers, departments, jurisdictions and imports is scoped without the caller asking.
/// </summary>
public interface IUserScope
{
    /// <summary>Jobs, seeding, migrations, administrators and system-wide auditors.</summary>
    bool IsUnrestricted { get; }

    /// <summary>The user's jurisdiction and its communities: what they may see and change. Empty when unrestricted.</summary>
    IReadOnlyList<Guid> JurisdictionIds { get; }

    /// <summary>
    /// <see cref="JurisdictionIds"/> plus the street above a community: a community lead reads its street, the street's
    /// departments and officers (reference data it works with) but changes only what lies in its community.
    /// </summary>
    IReadOnlyList<Guid> ReadableJurisdictionIds { get; }

    /// <summary>Whether a record filed under <paramref name="jurisdictionId"/> may be created, changed or deleted by this user.</summary>
    bool Covers(Guid? jurisdictionId) => IsUnrestricted || (jurisdictionId is { } id && JurisdictionIds.Contains(id));
}

/// <summary>No limits: the scope of jobs, seeding and migrations, and of any DbContext built without a user.</summary>
public sealed class UnrestrictedScope : IUserScope
{
    public static UnrestrictedScope Instance { get; } = new();

    public bool IsUnrestricted => true;

    public IReadOnlyList<Guid> JurisdictionIds => [];

    public IReadOnlyList<Guid> ReadableJurisdictionIds => [];
}
