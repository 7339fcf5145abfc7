using Inspections.Domain.Common;

namespace Inspections.Domain.Rectification;

/// <summary>
/// A re-inspection (复查) due on a notice's deadline: an ad-hoc assignment shown in the capture app's "today" list of
/// the officers who inspected. One per notice (unique), so the daily job can run any number of times.
/// </summary>
public sealed class ReinspectionTask : Entity
{
    private ReinspectionTask()
    {
        OfficerIds = [];
        ItemCodes = [];
    }

    public ReinspectionTask(Guid noticeId, Guid venueId, Guid jurisdictionId, DateOnly dueDate, Guid[] officerIds, string[] itemCodes)
        : base(Guid.CreateVersion7())
    {
        NoticeId = noticeId;
        VenueId = venueId;
        JurisdictionId = jurisdictionId;
        DueDate = dueDate;
        OfficerIds = officerIds;
        ItemCodes = itemCodes;
        Status = ReinspectionTaskStatus.Open;
    }

    public Guid NoticeId { get; private set; }

    public Guid VenueId { get; private set; }

    public Guid JurisdictionId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public Guid[] OfficerIds { get; private set; }

    /// <summary>The item codes under rectification: the re-inspection shows only these.</summary>
    public string[] ItemCodes { get; private set; }

    public ReinspectionTaskStatus Status { get; private set; }

    public Guid? ReinspectionVisitId { get; private set; }

    public void Complete(Guid? visitId)
    {
        Status = ReinspectionTaskStatus.Done;
        ReinspectionVisitId = visitId;
    }
}
