using Inspections.Capture.Contracts;
using Npgsql;

namespace Inspections.BrowserTests;

/// <summary>
/// What the server stored for a synced tablet visit, read straight from the database (table names fixed by ADR 11:
/// visits, visit_items, visit_photos, visit_signatures, visit_conflicts).
/// </summary>
internal static class CaptureStorageAssertions
{
    public static async Task AssertStoredOnceAsync(BrowserAppFixture app, Guid visitId, VisitSubmission submission)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(1L, await ScalarAsync(connection, "select count(*) from visits where id = @id", visitId));
        // The demo district carries history (visits up to yesterday): count only what arrived during this test.
        Assert.Equal(1L, await ScalarAsync(connection,
            "select count(*) from visits where venue_id = @id and submitted_at > now() - interval '2 hours'", submission.VenueId));
        Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from visit_conflicts where visit_id = @id", visitId));
        Assert.Equal((long)submission.Items.Count, await ScalarAsync(connection, "select count(*) from visit_items where visit_id = @id", visitId));
        Assert.Equal(1L, await ScalarAsync(connection, "select count(*) from visit_items where visit_id = @id and outcome = 'Fail'", visitId));

        var photos = submission.Items.SelectMany(i => i.Photos).Concat(submission.GeneralPhotos).Order(StringComparer.Ordinal).ToList();
        var storedPhotos = new List<string>();
        await using (var cmd = new NpgsqlCommand("select sha256 from visit_photos where visit_id = @id", connection))
        {
            cmd.Parameters.AddWithValue("id", visitId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                storedPhotos.Add(reader.GetString(0));
            }
        }
        Assert.Equal(photos, storedPhotos.Order(StringComparer.Ordinal).ToList());
        // The finding photo was 3000×2000 on the "camera"; the tablet sent it with its longest side at 2048 px.
        Assert.Equal(1L, await ScalarAsync(connection, "select count(*) from visit_photos where visit_id = @id and width = 2048 and height = 1365", visitId));
        Assert.Equal((long)submission.Signatures.Count, await ScalarAsync(connection, "select count(*) from visit_signatures where visit_id = @id", visitId));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("id", id);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
