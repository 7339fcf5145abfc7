using Inspections.Infrastructure.Identity;
using Npgsql;

namespace Inspections.Infrastructure.Common;

/// <summary>
/// Resolves the current user's jurisdictions once per DI scope (a request, a job, a page operation) with one small
/// query: the user's street or community, its communities and its parent street. Resolved again only if the acting
/// user changes within the scope. A user without a jurisdiction is unrestricted only as administrator or auditor;
/// anyone else — and anyone not signed in — sees nothing.
/// </summary>
public sealed class UserScope(ICurrentUser user, NpgsqlDataSource dataSource) : IUserScope
{
    private static readonly Resolution Everything = new(string.Empty, true, [], []);
    private static readonly Resolution Nothing = new(string.Empty, false, [], []);

    private Resolution? _resolved;

    public bool IsUnrestricted => Resolve().Unrestricted;

    public IReadOnlyList<Guid> JurisdictionIds => Resolve().Owned;

    public IReadOnlyList<Guid> ReadableJurisdictionIds => Resolve().Readable;

    public bool Covers(Guid? jurisdictionId)
    {
        var r = Resolve();
        return r.Unrestricted || (jurisdictionId is { } id && r.Owned.Contains(id));
    }

    /// <summary>Resolves ahead of the first query, asynchronously (the lazy path blocks on one tiny query).</summary>
    public async Task PreloadAsync(CancellationToken ct)
    {
        if (Settled() is not null)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Command(connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await AcceptAsync(reader, ct);
    }

    /// <summary>
    /// For a caller that resolves the scope inside a batch of its own (one round trip less): the query as a batch command
    /// whose rows <see cref="AcceptAsync"/> takes, or null when nothing needs to be read (resolved already, or decided by
    /// the user's roles alone).
    /// </summary>
    public NpgsqlBatchCommand? PendingCommand() =>
        Settled() is null ? new NpgsqlBatchCommand(Sql) { Parameters = { HomeParameter() } } : null;

    /// <summary>Resolves the scope from the current result set of <paramref name="reader"/>, the rows of <see cref="PendingCommand"/>.</summary>
    public async Task AcceptAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<(Guid Id, int Relation)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }
        _resolved = FromRows(KeyOf(), rows);
    }

    /// <summary>
    /// The scope as SQL parameters for statements that filter by it themselves, without the scope being resolved first:
    /// unrestricted, or the home jurisdiction whose <see cref="OwnedSql"/> / <see cref="ReadableSql"/> apply (none:
    /// nothing).
    /// </summary>
    public (bool Unrestricted, Guid? Home) SqlParameters() => Decided(KeyOf()) switch
    {
        { Unrestricted: true } => (true, null),
        { } => (false, null),
        null => (false, user.JurisdictionId),
    };

    /// <summary>
    /// The jurisdictions the user owns (home and its communities) as a subquery over the home jurisdiction's id in
    /// <paramref name="home"/> (a parameter placeholder such as <c>$5</c>): what <see cref="JurisdictionIds"/> holds.
    /// </summary>
    public static string OwnedSql(string home) =>
        $"SELECT id FROM jurisdictions WHERE id = {home} UNION ALL SELECT id FROM jurisdictions WHERE parent_id = {home}";

    /// <summary>As <see cref="OwnedSql"/> plus the street above: what <see cref="ReadableJurisdictionIds"/> holds.</summary>
    public static string ReadableSql(string home) =>
        OwnedSql(home) + $" UNION ALL SELECT parent_id FROM jurisdictions WHERE id = {home} AND parent_id IS NOT NULL";

    /// <summary>The lazy path for a query that runs before anyone preloaded: plain synchronous I/O, no sync-over-async.</summary>
    private Resolution Resolve()
    {
        if (Settled() is { } settled)
        {
            return settled;
        }
        using var connection = dataSource.OpenConnection();
        using var command = Command(connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(Guid Id, int Relation)>();
        while (reader.Read())
        {
            rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }
        return _resolved = FromRows(KeyOf(), rows);
    }

    /// <summary>The resolution when no query is needed (resolved for this user already, or decided by the roles); else null.</summary>
    private Resolution? Settled()
    {
        var key = KeyOf();
        if (_resolved?.Key == key)
        {
            return _resolved;
        }
        return Decided(key) is { } decided ? _resolved = decided : null;
    }

    private string KeyOf() => user.IsSystem
        ? "system"
        : string.Join('|', user.IsAuthenticated, user.UserId, user.JurisdictionId, string.Join(',', user.Roles));

    /// <summary>The answer when no query is needed; null when the user's jurisdiction has to be looked up.</summary>
    private Resolution? Decided(string key)
    {
        if (user.IsSystem)
        {
            return Everything with { Key = key };
        }
        if (!user.IsAuthenticated)
        {
            return Nothing with { Key = key };
        }
        if (user.JurisdictionId is null)
        {
            return user.IsInRole(AppRoles.Administrator) || user.IsInRole(AppRoles.Auditor)
                ? Everything with { Key = key }
                : Nothing with { Key = key };
        }
        return null;
    }

    /// <summary>The home jurisdiction (0), its communities (1) and the street above (2); $1 is the home's id.</summary>
    private const string Sql = """
        SELECT id, 0 AS relation FROM jurisdictions WHERE id = $1
        UNION ALL SELECT id, 1 FROM jurisdictions WHERE parent_id = $1
        UNION ALL SELECT parent_id, 2 FROM jurisdictions WHERE id = $1 AND parent_id IS NOT NULL
        """;

    private NpgsqlCommand Command(NpgsqlConnection connection) => new(Sql, connection) { Parameters = { HomeParameter() } };

    private NpgsqlParameter HomeParameter() => new() { Value = user.JurisdictionId!.Value };

    /// <summary>Owned: the home jurisdiction and its communities; readable: those and the street above. A deleted home leaves nothing.</summary>
    private static Resolution FromRows(string key, List<(Guid Id, int Relation)> rows)
    {
        Guid[] owned = [.. rows.Where(r => r.Relation != 2).Select(r => r.Id)];
        return new Resolution(key, false, owned, [.. owned, .. rows.Where(r => r.Relation == 2).Select(r => r.Id)]);
    }

    private sealed record Resolution(string Key, bool Unrestricted, Guid[] Owned, Guid[] Readable);
}
