using Inspections.Domain.Common;

namespace Inspections.Domain.Rectification;

/// <summary>A reminder for one officer (in-app; no SMS). Unique per (notice, officer, kind): the job may rerun.</summary>
public sealed class Notification : Entity
{
    private Notification()
    {
        Message = string.Empty;
    }

    public Notification(Guid officerId, Guid jurisdictionId, NotificationKind kind, Guid noticeId, DateOnly dueDate, string message)
        : base(Guid.CreateVersion7())
    {
        OfficerId = officerId;
        JurisdictionId = jurisdictionId;
        Kind = kind;
        NoticeId = noticeId;
        DueDate = dueDate;
        Message = Guard.Required(message, "message", 500);
    }

    public Guid OfficerId { get; private set; }

    public Guid JurisdictionId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public Guid NoticeId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public string Message { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
