using Inspections.Domain.Capture;
using Inspections.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

public sealed partial class DocumentSources
{
    /// <summary>The record of one visit within the user's jurisdiction (query filters); null when absent.</summary>
    public Task<InspectionRecordDocument?> RecordAsync(Guid visitId, CancellationToken ct) =>
        VisitRecordBuilder.BuildAsync(db, db.Set<Visit>().Where(v => v.Status == VisitStatus.Submitted), visitId, ct, photos.Root);

    private async Task<IReadOnlyList<(DateTimeOffset At, Guid Visit, InspectionRecordDocument Record)>> RecordsAsync(
        PrintSelection s, DateTimeOffset start, DateTimeOffset end, Guid[]? scope, List<Guid>? team, CancellationToken ct)
    {
        var q = db.Set<Visit>().IgnoreQueryFilters().AsNoTracking().Include(v => v.Items).Include(v => v.Photos).Include(v => v.Signatures)
            .Where(v => v.Status == VisitStatus.Submitted && v.CheckinAt >= start && v.CheckinAt < end);
        if (scope is not null)
        {
            q = q.Where(v => scope.Contains(v.JurisdictionId));
        }
        if (s.JurisdictionId is { } j)
        {
            q = q.Where(v => v.JurisdictionId == j);
        }
        if (team is not null)
        {
            q = q.Where(v => team.Contains(v.Id));
        }
        if (s.DepartmentKind is { } kind)
        {
            var text = kind.ToString();
            q = q.Where(v => v.DepartmentKinds.Contains(text));
        }
        var visits = await q.OrderBy(v => v.CheckinAt).Take(PrintBatchService.MaxDocuments).AsSplitQuery().ToListAsync(ct);
        var records = await VisitRecordBuilder.BuildManyAsync(db, visits, ct, photos.Root);
        return [.. visits.Select((v, i) => (v.CheckinAt, v.Id, records[i]))];
    }
}
