using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

/// <summary>
/// Gap-free serials per (authority, year). The upsert takes the counter row's lock until the surrounding transaction
/// ends: concurrent issuers of the same authority queue on it, and a rolled-back issue rolls the counter back with it,
/// so the series has neither gaps nor duplicates (ADR 14). Must run inside the transaction that saves the notice.
/// </summary>
public static class NoticeNumbering
{
    public static async Task<int> NextSerialAsync(InspectionsDbContext db, string authorityKey, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Take a serial only inside the transaction that issues the notice.");
        }
        var serials = await db.Database.SqlQuery<int>($"""
            INSERT INTO notice_number_counters (issuing_authority, year, next_serial) VALUES ({authorityKey}, {year}, 2)
            ON CONFLICT (issuing_authority, year) DO UPDATE SET next_serial = notice_number_counters.next_serial + 1
            RETURNING next_serial - 1 AS "Value"
            """).ToListAsync(ct);
        return serials[0];
    }
}
