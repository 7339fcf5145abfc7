using Inspections.Domain.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Planning;

public sealed record OfficerConflictDto(Guid Id, Guid OfficerId, Guid VenueId, string? VenueName, string Reason, DateTimeOffset DeclaredAt);

public sealed record OperationReminderDto(Guid Id, Guid PlanId, Guid OperationId, int TeamNumber, DateOnly OperationDate, TimeOnly Start, DateTimeOffset CreatedAt);

/// <summary>Officers declare conflicts of interest (回避) with venues; the planner never sends them there. Audited.</summary>
public sealed class OfficerConflictService(InspectionsDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<OfficerConflictDto>> ListAsync(Guid officerId, CancellationToken ct) =>
        await db.Set<OfficerConflictRecord>().AsNoTracking().Where(c => c.OfficerId == officerId).OrderByDescending(c => c.DeclaredAt)
            .Select(c => new OfficerConflictDto(
                c.Id, c.OfficerId, c.VenueId, db.Venues.IgnoreQueryFilters().Where(v => v.Id == c.VenueId).Select(v => v.Name).FirstOrDefault(),
                c.Reason, c.DeclaredAt))
            .ToListAsync(ct);

    /// <summary>Declares a conflict with a venue the officer can see; null when the venue is not visible.</summary>
    /// <exception cref="DomainException">conflict.duplicate when the officer already declared one for the venue.</exception>
    public async Task<OfficerConflictDto?> DeclareAsync(Guid officerId, Guid venueId, string reason, CancellationToken ct)
    {
        var venue = await db.Venues.AsNoTracking().Where(v => v.Id == venueId).Select(v => new { v.Id, v.Name }).SingleOrDefaultAsync(ct);
        if (venue is null)
        {
            return null;
        }
        if (await db.Set<OfficerConflictRecord>().AnyAsync(c => c.OfficerId == officerId && c.VenueId == venueId, ct))
        {
            throw new DomainException("conflict.duplicate", "A conflict with this venue is already declared.");
        }
        var record = new OfficerConflictRecord(Guid.CreateVersion7(), officerId, venueId, reason.Trim(), clock.GetUtcNow());
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return new OfficerConflictDto(record.Id, officerId, venueId, venue.Name, record.Reason, record.DeclaredAt);
    }

    public async Task<IReadOnlyList<OperationReminderDto>> RemindersAsync(Guid officerId, DateOnly from, CancellationToken ct) =>
        await db.Set<OperationReminderRecord>().AsNoTracking().Where(r => r.OfficerId == officerId && r.OperationDate >= from)
            .OrderBy(r => r.OperationDate).ThenBy(r => r.Start)
            .Select(r => new OperationReminderDto(r.Id, r.PlanId, r.OperationId, r.TeamNumber, r.OperationDate, r.Start, r.CreatedAt))
            .ToListAsync(ct);
}
