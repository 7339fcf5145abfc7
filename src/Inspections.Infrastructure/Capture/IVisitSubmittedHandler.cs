using Inspections.Infrastructure.Persistence;

namespace Inspections.Infrastructure.Capture;

/// <summary>
/// Called by the capture sync service after a new visit's rows are saved, INSIDE the same transaction (an exception
/// rolls the visit back and the tablet retries). Not called for duplicates or conflicts. Register implementations
/// with <c>services.AddScoped&lt;IVisitSubmittedHandler, T&gt;()</c>; every registered handler runs, in registration order.
/// Handlers report what they created (e.g. drafted notice ids) through <see cref="VisitSubmittedContext"/>; the sync
/// service puts <see cref="VisitSubmittedContext.NoticeIds"/> into the receipt (<c>VisitReceipt.NoticeIds</c>).
/// The <paramref name="db"/> context is the sync service's own (the submitting user's jurisdiction scope, inside the open transaction); call
/// <c>db.SaveChangesAsync</c> yourself for what you add.
/// </summary>
public interface IVisitSubmittedHandler
{
    /// <summary>
    /// Whether the handler has anything to do for this new visit. The group-commit writer (ADR 21) runs handlers only
    /// for visits where one applies; say false only when <see cref="OnVisitSubmittedAsync"/> would do nothing.
    /// </summary>
    bool AppliesTo(Domain.Capture.Visit visit) => true;

    /// <summary>
    /// Optional reads ahead of the write, for a visit <see cref="AppliesTo"/> said yes to: the group-commit path calls it
    /// on the request's own connection before the visit is queued, so the reads run alongside other requests instead of
    /// inside the writer's one serial transaction (ADR 21). Read only what does not depend on the visit's own rows
    /// (reference data such as the venue or the checklist); keep it in the (scoped) handler for
    /// <see cref="OnVisitSubmittedAsync"/>, which must still work when this was not called.
    /// </summary>
    Task PrepareAsync(Domain.Capture.Visit visit, InspectionsDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Optional, group commit only (ADR 21): the new rows <see cref="OnVisitSubmittedAsync"/> would add for this visit
    /// (entities, parents before children), computed ahead from what <see cref="PrepareAsync"/> read, for the writer to
    /// insert in its batch with the visit and audit like SaveChanges does, instead of running
    /// <see cref="OnVisitSubmittedAsync"/> inside its one serial transaction. Report their ids to
    /// <see cref="VisitSubmittedContext"/> here. Null (the default): <see cref="OnVisitSubmittedAsync"/> runs as usual;
    /// it also runs instead whenever the batch fails and the visit is written alone.
    /// </summary>
    IReadOnlyList<object>? Stage(Domain.Capture.Visit visit) => null;

    Task OnVisitSubmittedAsync(Guid visitId, InspectionsDbContext db, CancellationToken ct);
}

/// <summary>
/// Per-request collector shared by all handlers of one submission (scoped service). Inject it into a handler and add
/// the ids of the notices drafted for the visit; the sync service reads it after all handlers ran.
/// </summary>
public sealed class VisitSubmittedContext
{
    private readonly List<Guid> _noticeIds = [];

    /// <summary>
    /// The new visit as submitted, with its items. Not necessarily tracked by the handler's context: the group-commit
    /// writer stores it by COPY, so a handler must not expect to find it in <c>db.Set&lt;Visit&gt;().Local</c>.
    /// </summary>
    public Domain.Capture.Visit? Visit { get; internal set; }

    public IReadOnlyList<Guid> NoticeIds => _noticeIds;

    public void AddNotice(Guid noticeId)
    {
        if (!_noticeIds.Contains(noticeId))
        {
            _noticeIds.Add(noticeId);
        }
    }

    internal void Reset() => _noticeIds.Clear();

    internal void Begin(Domain.Capture.Visit visit)
    {
        _noticeIds.Clear();
        Visit = visit;
    }
}
