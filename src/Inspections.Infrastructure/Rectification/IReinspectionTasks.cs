namespace Inspections.Infrastructure.Rectification;

/// <summary>
/// Re-inspections (复查) for the capture app. Capture's "today" list calls <see cref="ForOfficerAsync"/> and shows each
/// as an assignment of kind Reinspection with <c>ReinspectionOfNoticeId</c> and the item codes under rectification;
/// the venue card's open notices come from <see cref="OpenNoticesForVenueAsync"/>. Backed by the table
/// <c>reinspection_tasks</c>, filled by the daily deadline job. Both respect the caller's jurisdiction filters.
/// </summary>
public interface IReinspectionTasks
{
    /// <summary>Open tasks due on or before <paramref name="date"/> that name the officer.</summary>
    Task<IReadOnlyList<ReinspectionAssignment>> ForOfficerAsync(Guid officerId, DateOnly date, CancellationToken ct);

    /// <summary>Open notices of a venue: id, number, status, deadline, item codes.</summary>
    Task<IReadOnlyList<OpenNoticeInfo>> OpenNoticesForVenueAsync(Guid venueId, CancellationToken ct);

    /// <summary>Item codes under rectification on a notice (what a re-inspection of it shows); empty when unknown.</summary>
    Task<IReadOnlyList<string>> ItemCodesAsync(Guid noticeId, CancellationToken ct);
}

public sealed record OpenNoticeInfo(Guid Id, string Number, string Status, DateOnly Deadline, IReadOnlyList<string> ItemCodes);
