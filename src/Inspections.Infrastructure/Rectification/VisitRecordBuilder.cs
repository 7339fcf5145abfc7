using Inspections.Domain.Capture;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inspections.Infrastructure.Rectification;

/// <summary>
/// 现场笔录 of a submitted visit, from the stored rows: officers with enforcement ID numbers, the party, the person
/// present (ID masked), every checked item with the officer's note and photo references, comments and signatures.
/// </summary>
public static class VisitRecordBuilder
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// Loads through <paramref name="visits"/> (scoped or not, as the caller decides). <paramref name="signatureRoot"/> is
    /// the folder the capture stores signature files in (<c>PhotoStore.Root</c>); null prints names without signatures.
    /// </summary>
    public static async Task<InspectionRecordDocument?> BuildAsync(InspectionsDbContext db, IQueryable<Visit> visits, Guid visitId, CancellationToken ct,
        string? signatureRoot = null)
    {
        var visit = await visits.AsNoTracking().Include(v => v.Items).Include(v => v.Photos).Include(v => v.Signatures)
            .FirstOrDefaultAsync(v => v.Id == visitId, ct);
        return visit is null ? null : (await BuildManyAsync(db, [visit], ct, signatureRoot))[0];
    }

    public static async Task<IReadOnlyList<InspectionRecordDocument>> BuildManyAsync(InspectionsDbContext db, IReadOnlyList<Visit> visits, CancellationToken ct,
        string? signatureRoot = null)
    {
        var venueIds = visits.Select(v => v.VenueId).Distinct().ToList();
        var venues = await db.Venues.IgnoreQueryFilters().AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var officerIds = visits.SelectMany(v => v.OfficerIds).Distinct().ToList();
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var departmentIds = officers.Values.Select(o => o.DepartmentId).Distinct().ToList();
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var itemIds = visits.SelectMany(v => v.Items).Select(i => i.ItemId).Distinct().ToList();
        var checklist = await db.Set<ChecklistItem>().IgnoreQueryFilters().AsNoTracking().Where(c => itemIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. visits.Select(v => Build(v, venues.GetValueOrDefault(v.VenueId), officers, departments, checklist, signatureRoot))];
    }

    public static InspectionRecordDocument Build(Visit v, Venue? venue, IReadOnlyDictionary<Guid, Officer> officers, IReadOnlyDictionary<Guid, Department> departments,
        IReadOnlyDictionary<Guid, ChecklistItem> checklist, string? signatureRoot = null)
    {
        var team = v.OfficerIds.Select(id => officers.GetValueOrDefault(id)).OfType<Officer>().ToList();
        var lead = team.Select(o => departments.GetValueOrDefault(o.DepartmentId)).OfType<Department>().FirstOrDefault();
        // Photos numbered in the order of the items, general photos last: 照片1, 照片2 …
        var photoNumbers = new Dictionary<Guid, int>();
        var orderedItems = v.Items.OrderBy(i => checklist.GetValueOrDefault(i.ItemId)?.SortOrder ?? int.MaxValue).ThenBy(i => i.ItemCode).ToList();
        foreach (var photo in orderedItems.SelectMany(i => v.Photos.Where(p => p.ItemCode == i.ItemCode)).Concat(v.Photos.Where(p => p.ItemCode is null)))
        {
            photoNumbers.TryAdd(photo.Id, photoNumbers.Count + 1);
        }
        var party = v.Signatures.FirstOrDefault(s => s.Signer == SignerRole.Party);
        var witness = v.Signatures.FirstOrDefault(s => s.Signer == SignerRole.Witness);
        var general = v.Photos.Where(p => p.ItemCode is null).Select(p => $"照片{photoNumbers[p.Id]}").ToList();
        return new InspectionRecordDocument
        {
            IssuingAuthority = lead?.Name ?? "联合检查组",
            StartedAt = v.CheckinAt.ToOffset(China).DateTime,
            EndedAt = v.DeviceSubmittedAt.ToOffset(China).DateTime,
            Place = venue is null ? "" : $"{venue.Address}（{venue.Name}）",
            Officers = [.. team.Select(o => new RecordOfficer(o.Name, departments.GetValueOrDefault(o.DepartmentId)?.Name ?? "", o.EnforcementIdNumber))],
            IdentificationShown = v.EnforcementIdsShown,
            Party = new DocumentParty(venue?.Name ?? "")
            {
                UnifiedSocialCreditCode = venue?.CreditCode,
                Address = venue?.Address,
                LegalRepresentative = venue?.LegalRepresentative,
                Phone = venue?.ContactPhone,
            },
            PersonPresent = new PersonPresent(v.PersonPresentName)
            {
                Role = v.PersonPresentRole,
                Phone = v.PersonPresentPhone,
                IdentityNumber = v.PersonPresentIdMasked,
            },
            RecusalNoticeGiven = v.RecusalOffered,
            RecusalAnswer = v.RecusalOffered ? "不申请回避。" : null,
            Items = [.. orderedItems.Select(i =>
            {
                var c = checklist.GetValueOrDefault(i.ItemId);
                return new CheckedItem(
                    c?.TextZh ?? i.ItemCode,
                    string.IsNullOrWhiteSpace(i.Note) ? i.Outcome switch
                    {
                        ItemOutcome.Pass => "现场检查，符合要求。",
                        ItemOutcome.Fail => "现场检查，不符合要求。",
                        _ => "不适用。",
                    } : i.Note.Trim(),
                    i.Outcome switch
                    {
                        ItemOutcome.Pass => CheckResult.Compliant,
                        ItemOutcome.Fail => CheckResult.NonCompliant,
                        _ => CheckResult.NotApplicable,
                    })
                {
                    Basis = c?.LegalBasis,
                    PhotoRefs = [.. v.Photos.Where(p => p.ItemCode == i.ItemCode).Select(p => $"照片{photoNumbers[p.Id]}")],
                };
            })],
            OtherObservations = JoinNonEmpty(v.FindingsText, general.Count > 0 ? $"现场概况照片：{string.Join("、", general)}。" : null),
            PartyComments = v.PartyComments,
            Signatures = new RecordSignatures
            {
                Party = party?.SignerName,
                PartyImage = Image(party, signatureRoot),
                PartyRefused = v.PartyRefusedToSign,
                Witness = witness?.SignerName ?? v.WitnessName,
                WitnessImage = Image(witness, signatureRoot),
                Officers = signatureRoot is null ? [] : [.. v.Signatures.Where(s => s.Signer is SignerRole.Officer1 or SignerRole.Officer2)
                    .OrderBy(s => s.Signer).Select(s => new SignatureMark(s.SignerName) { Image = Image(s, signatureRoot) })],
                SignedOn = DateOnly.FromDateTime(v.DeviceSubmittedAt.ToOffset(China).DateTime),
            },
        };
    }

    /// <summary>The signature file, read when the record is rendered (a file gone by then prints as a blank box with the name).</summary>
    private static DocumentImage? Image(VisitSignature? s, string? root) =>
        s is null || root is null || string.IsNullOrEmpty(s.StoredPath) ? null : DocumentImage.FromFile(Path.Combine(root, s.StoredPath));

    private static string? JoinNonEmpty(params string?[] parts)
    {
        var text = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return text.Length == 0 ? null : text;
    }
}
