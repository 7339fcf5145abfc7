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
    /// <summary>Locks the referenced uploads until the transaction ends; returns the hashes that are not there (any order).</summary>
    public static async Task<IReadOnlyList<string>> LockAsync(NpgsqlConnection connection, IEnumerable<Visit> visits, CancellationToken ct)
    {
        var wanted = visits.SelectMany(v => v.Photos.Select(p => p.Sha256).Concat(v.Signatures.Select(x => x.Sha256)))
            .Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }
        await using var cmd = new NpgsqlCommand("SELECT sha256 FROM capture_blobs WHERE sha256 = ANY($1::character(64)[]) FOR KEY SHARE", connection)
        {
            Parameters = { new() { Value = wanted } },
        };
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                found.Add(r.GetString(0));
            }
        }
        return [.. wanted.Where(w => !found.Contains(w))];
    }
}
