using Inspections.Capture.Contracts;

namespace Inspections.Capture.Client.Services;

/// <summary>
/// The outbox (ADR 13): submitted visits wait in IndexedDB; this loop uploads their photos and signatures
/// (PUT /api/capture/photos/{sha}) and then the visit (PUT /api/capture/visits/{id}). 200/201 = synced; 409 = conflict,
/// kept for review; 422 missing-photos = upload those again and retry; 400 = rejected, the officer fixes it;
/// 401 = sign in again (queue kept); no network or 5xx = retry with exponential backoff.
/// </summary>
public sealed class SyncService(LocalStore store, CaptureApi api) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Raised after every pass and status change (pages refresh their counters).</summary>
    public event Action? Changed;

    public bool NeedsSignIn { get; private set; }

    public bool Online { get; private set; } = true;

    public int Pending { get; private set; }

    public int Conflicts { get; private set; }

    public void Start()
    {
        _loop ??= Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
            do
            {
                try
                {
                    await RunOnceAsync(force: false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"sync pass failed: {e.Message}");
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        });
    }

    public void MarkSignedOut()
    {
        NeedsSignIn = true;
        Changed?.Invoke();
    }

    public void SetOnline(bool online)
    {
        Online = online;
        if (online)
        {
            _ = RunOnceAsync(force: true);
        }
        Changed?.Invoke();
    }

    /// <summary>One pass over the outbox. <paramref name="force"/> ignores the backoff (officer tapped retry, network came back).</summary>
    public async Task RunOnceAsync(bool force)
    {
        if (!await _running.WaitAsync(0))
        {
            return;
        }
        try
        {
            var visits = await store.AllVisitsAsync();
            foreach (var visit in visits.Where(v => v.Status == VisitStatus.Pending).OrderBy(v => v.SubmittedAt))
            {
                if (!force && visit.NextAttemptAt > DateTimeOffset.UtcNow)
                {
                    continue;
                }
                await SyncAsync(visit);
            }
            await CountAsync();
        }
        finally
        {
            _running.Release();
            Changed?.Invoke();
        }
    }

    public async Task CountAsync()
    {
        var visits = await store.AllVisitsAsync();
        Pending = visits.Count(v => v.Status == VisitStatus.Pending);
        Conflicts = visits.Count(v => v.Status is VisitStatus.Conflict or VisitStatus.Rejected);
    }

    private async Task SyncAsync(VisitDraft visit)
    {
        visit.Attempts++;
        foreach (var sha in visit.AllBlobs().Except(visit.UploadedBlobs, StringComparer.Ordinal).ToList())
        {
            if (!await UploadAsync(visit, sha))
            {
                return;
            }
        }

        for (var round = 0; round < 3; round++)
        {
            var result = await api.PutVisitAsync(visit.Id, visit.Submission!);
            switch (result.Status)
            {
                case 200 or 201:
                    visit.Status = VisitStatus.Synced;
                    visit.Receipt = result.Receipt;
                    visit.SyncedAt = DateTimeOffset.UtcNow;
                    visit.LastError = null;
                    visit.NextAttemptAt = null;
                    NeedsSignIn = false;
                    Online = true;
                    await store.SaveVisitAsync(visit);
                    return;
                case 409:
                    visit.Status = VisitStatus.Conflict;
                    visit.LastError = result.Error;
                    await store.SaveVisitAsync(visit);
                    return;
                case 422 when result.MissingPhotos.Count > 0:
                    visit.UploadedBlobs.RemoveAll(result.MissingPhotos.Contains);
                    foreach (var sha in result.MissingPhotos)
                    {
                        if (!await UploadAsync(visit, sha))
                        {
                            return;
                        }
                    }
                    continue;
                case 400 or 422:
                    visit.Status = VisitStatus.Rejected;
                    visit.LastError = result.Error;
                    await store.SaveVisitAsync(visit);
                    return;
                default:
                    await RetryLaterAsync(visit, result.Status, result.Error);
                    return;
            }
        }
        await RetryLaterAsync(visit, 422, "missing photos after re-upload");
    }

    private async Task<bool> UploadAsync(VisitDraft visit, string sha)
    {
        var status = await store.UploadBlobAsync(sha);
        if (status is 200 or 201 or 204)
        {
            visit.UploadedBlobs.Add(sha);
            await store.SaveVisitAsync(visit);
            return true;
        }
        if (status == -1)
        {
            visit.Status = VisitStatus.Rejected;
            visit.LastError = $"photo {sha[..12]}… is no longer on this tablet";
            await store.SaveVisitAsync(visit);
            return false;
        }
        await RetryLaterAsync(visit, status, $"photo upload: HTTP {status}");
        return false;
    }

    private async Task RetryLaterAsync(VisitDraft visit, int status, string? error)
    {
        NeedsSignIn = status == 401;
        Online = status != 0;
        var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 2 * Math.Pow(2, Math.Min(visit.Attempts, 10))));
        visit.NextAttemptAt = DateTimeOffset.UtcNow + delay;
        visit.LastError = status switch
        {
            0 => "offline",
            401 => "sign in again",
            _ => $"HTTP {status}: {error}",
        };
        await store.SaveVisitAsync(visit);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _running.Dispose();
    }
}

/// <summary>Builds the frozen submission from a draft.</summary>
public static class SubmissionBuilder
{
    public static VisitSubmission Build(VisitDraft d, ChecklistPackDto pack, IReadOnlyList<ChecklistItemDto> items, IReadOnlyList<TeamOfficer> officers, DateTimeOffset now)
    {
        var team = d.OfficerIds.Select(id => officers.FirstOrDefault(o => o.Id == id)).OfType<TeamOfficer>().ToList();
        var signatures = new List<SignatureRef>();
        foreach (var (role, sha) in d.Signatures.OrderBy(s => s.Key))
        {
            var name = role switch
            {
                SignerRole.Party => d.PersonName,
                SignerRole.Witness => d.WitnessName ?? string.Empty,
                SignerRole.Officer1 => team.ElementAtOrDefault(0)?.Name ?? string.Empty,
                _ => team.ElementAtOrDefault(1)?.Name ?? string.Empty,
            };
            if (role == SignerRole.Party && d.PartyRefusedToSign || role == SignerRole.Witness && !d.PartyRefusedToSign)
            {
                continue;
            }
            signatures.Add(new SignatureRef(role, name, sha));
        }
        return new VisitSubmission(
            d.Venue.Id,
            d.PlannedVisitId,
            d.Kind,
            d.ReinspectionOfNoticeId,
            d.OfficerIds.ToList(),
            pack.Id,
            pack.Version,
            new CheckIn(d.CheckInAt!.Value, d.Latitude!.Value, d.Longitude!.Value, d.AccuracyMetres, Blank(d.DistanceAckReason)),
            new PersonPresent(d.PersonName.Trim(), Blank(d.PersonRole), Blank(d.PersonIdNumber), Blank(d.PersonPhone)),
            d.EnforcementIdsShown,
            d.RecusalOffered,
            items.Select(i => d.Items.TryGetValue(i.Id, out var a)
                    ? new ItemResult(i.Id, i.Code, a.Outcome!.Value, Blank(a.Note), a.Photos.ToList())
                    : null)
                .OfType<ItemResult>().ToList(),
            d.GeneralPhotos.ToList(),
            Blank(d.FindingsText),
            Blank(d.PartyComments),
            d.PartyRefusedToSign,
            d.PartyRefusedToSign ? Blank(d.WitnessName) : null,
            signatures,
            d.StartedAt,
            now);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
