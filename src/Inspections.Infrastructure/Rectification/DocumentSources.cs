using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Capture;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

/// <summary>Printable documents from stored data: notices (with QR) and inspection records, one by one or for a batch.</summary>
public sealed partial class DocumentSources(InspectionsDbContext db, RectificationService notices, PhotoStore photos)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>One notice, within the user's jurisdiction (query filters); null when absent.</summary>
    public async Task<RectificationNoticeDocument?> NoticeAsync(Guid id, CancellationToken ct)
    {
        var n = await db.Set<RectificationNotice>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct);
        return n is null ? null : Notice(n);
    }

    public RectificationNoticeDocument Notice(RectificationNotice n) =>
        NoticeDocumentBuilder.Build(n, notices.VerificationUrl(n.VerificationToken), notices.Options.SelfReference, notices.Today());

    /// <summary>
    /// A batch: for every visit in the range (in visit order) its record, then its notices. <paramref name="scope"/> limits
    /// rows to the requester's jurisdictions (null = unrestricted); the job itself runs unrestricted.
    /// </summary>
    public async Task<IReadOnlyList<IPrintableDocument>> SelectAsync(PrintSelection s, Guid[]? scope, CancellationToken ct)
    {
        var start = new DateTimeOffset(s.From.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var end = new DateTimeOffset(s.To.AddDays(1).ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var documents = new List<(DateTimeOffset At, Guid Visit, int Order, IPrintableDocument Document)>();
        var team = s.Team is { } t ? await TeamVisitIdsAsync(t, ct) : null;
        if (s.Notices)
        {
            var q = db.Set<RectificationNotice>().IgnoreQueryFilters().AsNoTracking().Include(n => n.Items)
                .Where(n => n.InspectedAt >= start && n.InspectedAt < end);
            if (scope is not null)
            {
                q = q.Where(n => scope.Contains(n.JurisdictionId));
            }
            if (!s.IncludeDrafts)
            {
                q = q.Where(n => n.Status != NoticeStatus.Draft);
            }
            if (s.DepartmentKind is { } kind)
            {
                q = q.Where(n => n.DepartmentKind == kind);
            }
            if (s.JurisdictionId is { } j)
            {
                q = q.Where(n => n.JurisdictionId == j);
            }
            if (team is not null)
            {
                q = q.Where(n => team.Contains(n.VisitId));
            }
            foreach (var n in await q.Take(PrintBatchService.MaxDocuments).ToListAsync(ct))
            {
                documents.Add((n.InspectedAt, n.VisitId, 1 + (int)n.DepartmentKind, Notice(n)));
            }
        }
        if (s.Records)
        {
            foreach (var (at, visit, record) in await RecordsAsync(s, start, end, scope, team, ct))
            {
                documents.Add((at, visit, 0, record));
            }
        }
        return [.. documents.OrderBy(d => d.At).ThenBy(d => d.Visit).ThenBy(d => d.Order).Take(PrintBatchService.MaxDocuments).Select(d => d.Document)];
    }
}
