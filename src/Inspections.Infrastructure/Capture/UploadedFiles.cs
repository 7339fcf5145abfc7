using Inspections.Domain.Capture;
using Npgsql;

namespace Inspections.Infrastructure.Capture;

/// <summary>
/// The protocol between visit writers and the orphan clean-up (<see cref="OrphanUploadCleanupJob"/>): a writer locks
/// the <c>capture_blobs</c> rows its visits reference (<c>FOR KEY SHARE</c>) inside its transaction and finds out which
/// are gone; the clean-up takes its candidates <c>FOR UPDATE SKIP LOCKED</c>, so a row a writer holds is never deleted
/// under it, and a row the clean-up holds makes the writer wait and then see it gone.
/// </summary>
public static class UploadedFiles
{
    private const string Sql = "SELECT sha256 FROM capture_blobs WHERE sha256 = ANY($1::character(64)[]) FOR KEY SHARE";

    /// <summary>Locks the referenced uploads until the transaction ends; returns the hashes that are not there (any order).</summary>
    public static async Task<IReadOnlyList<string>> LockAsync(NpgsqlConnection connection, IEnumerable<Visit> visits, CancellationToken ct)
    {
        var wanted = Referenced(visits);
        if (wanted.Length == 0)
        {
            return [];
        }
        await using var cmd = new NpgsqlCommand(Sql, connection) { Parameters = { new() { Value = wanted } } };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await MissingAsync(r, wanted, ct);
    }

    /// <summary>
    /// The same lock as one command of a caller's <see cref="NpgsqlBatch"/> (saving its own round trip); read its result
    /// with <see cref="MissingAsync"/>. Never locks nothing: with no references it asks for an empty array.
    /// </summary>
    public static NpgsqlBatchCommand LockCommand(IEnumerable<Visit> visits, out string[] wanted)
    {
        wanted = Referenced(visits);
        return new NpgsqlBatchCommand(Sql) { Parameters = { new() { Value = wanted } } };
    }

    /// <summary>Reads the lock's result set (the reader positioned on it); returns the hashes that are not there.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(NpgsqlDataReader reader, string[] wanted, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            found.Add(reader.GetString(0));
        }
        return [.. wanted.Where(w => !found.Contains(w))];
    }

    private static string[] Referenced(IEnumerable<Visit> visits) =>
        [.. visits.SelectMany(v => v.Photos.Select(p => p.Sha256).Concat(v.Signatures.Select(x => x.Sha256))).Distinct(StringComparer.Ordinal)];
}
