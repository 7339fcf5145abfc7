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
    public Task PreloadAsync(CancellationToken ct) => PreloadAsync(null, ct);

    /// <summary>
    /// As <see cref="PreloadAsync(CancellationToken)"/>, on <paramref name="open"/> when given (an open connection the
    /// caller holds anyway, saving a pool round of its own) or on a connection of the data source.
    /// </summary>
    public async Task PreloadAsync(NpgsqlConnection? open, CancellationToken ct)
    {
        var key = KeyOf();
        if (_resolved?.Key == key)
        {
            return;
        }
        if (Decided(key) is { } decided)
        {
            _resolved = decided;
            return;
        }
        var connection = open ?? await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<(Guid Id, int Relation)>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
            _resolved = FromRows(key, rows);
        }
        finally
        {
            if (open is null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The lazy path for a query that runs before anyone preloaded: plain synchronous I/O, no sync-over-async.</summary>
    private Resolution Resolve()
    {
        var key = KeyOf();
        if (_resolved?.Key == key)
        {
            return _resolved;
        }
        if (Decided(key) is { } decided)
        {
            return _resolved = decided;
        }
        using var connection = dataSource.OpenConnection();
        using var command = Command(connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(Guid Id, int Relation)>();
        while (reader.Read())
        {
            rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }
        return _resolved = FromRows(key, rows);
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

    private NpgsqlCommand Command(NpgsqlConnection connection)
    {
        const string sql = """
            SELECT id, 0 AS relation FROM jurisdictions WHERE id = @home
            UNION ALL SELECT id, 1 FROM jurisdictions WHERE parent_id = @home
            UNION ALL SELECT parent_id, 2 FROM jurisdictions WHERE id = @home AND parent_id IS NOT NULL
            """;
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("home", user.JurisdictionId!.Value);
        return command;
    }

    /// <summary>Owned: the home jurisdiction and its communities; readable: those and the street above. A deleted home leaves nothing.</summary>
    private static Resolution FromRows(string key, List<(Guid Id, int Relation)> rows)
    {
        Guid[] owned = [.. rows.Where(r => r.Relation != 2).Select(r => r.Id)];
        return new Resolution(key, false, owned, [.. owned, .. rows.Where(r => r.Relation == 2).Select(r => r.Id)]);
    }

    private sealed record Resolution(string Key, bool Unrestricted, Guid[] Owned, Guid[] Readable);
}
