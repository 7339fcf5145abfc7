using Inspections.Domain.Common;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

public sealed class InputFingerprintTests
{
    private static readonly PlanningMonth April = new(2026, 4);

    [Fact]
    public void IsALowercaseSha256HexDigest()
    {
        var fingerprint = InputFingerprint.Compute(PlanningScenario.Standard(April).Input(April));

        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
    }

    [Fact]
    public void LeavesOutTheSeedSoItCanBePublishedBeforeTheDraw()
    {
        var input = PlanningScenario.Standard(April).Input(April);

        Assert.Equal(InputFingerprint.Compute(input with { Seed = 1 }), InputFingerprint.Compute(input with { Seed = 2 }));
    }

    [Fact]
    public void ChangesWithEveryKindOfFact()
    {
        var input = PlanningScenario.Standard(April).Input(April);
        var baseline = InputFingerprint.Compute(input);
        var variants = new[]
        {
            input with { Month = new PlanningMonth(2026, 5) },
            input with { Venues = [.. input.Venues.Select((v, i) => i == 3 ? v with { ComplaintCount = v.ComplaintCount + 1 } : v)] },
            input with { Venues = [.. input.Venues.Select((v, i) => i == 3 ? v with { LastInspectedOn = new DateOnly(2026, 3, 31) } : v)] },
            input with { Venues = [.. input.Venues.Select((v, i) => i == 3 ? v with { OpeningHours = new OpeningHours(new TimeOnly(9, 0), new TimeOnly(18, 0)) } : v)] },
            input with { Officers = [.. input.Officers.Select((o, i) => i == 0 ? o with { UnavailableDates = [new DateOnly(2026, 4, 8)] } : o)] },
            input with { Conflicts = [new OfficerConflict(input.Officers[0].Id, input.Venues[0].Id)] },
            input with { Jurisdictions = [.. input.Jurisdictions.Select((j, i) => i == 0 ? j with { Name = "白石龙社区居委会" } : j)] },
            input with { Settings = input.Settings with { RandomVisitPercent = 31 } },
            input with { Settings = input.Settings with { Weights = input.Settings.Weights with { NearSchool = 31 } } },
            input with { Settings = input.Settings with { NightWindow = new TimeWindow(new TimeOnly(20, 0), new TimeOnly(23, 30)) } },
        };

        var fingerprints = variants.Select(InputFingerprint.Compute).ToList();

        Assert.DoesNotContain(baseline, fingerprints);
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
    }

    [Fact]
    public void RejectsDuplicateIds()
    {
        var input = PlanningScenario.Standard(April).Input(April);

        var ex = Assert.Throws<DomainException>(() => InputFingerprint.Compute(input with { Venues = [.. input.Venues, input.Venues[0]] }));

        Assert.Equal("planning.duplicate_id", ex.Code);
    }

    [Fact]
    public void RejectsATeamSizeBelowTheLegalMinimum()
    {
        var input = PlanningScenario.Standard(April).Input(April);

        var ex = Assert.Throws<DomainException>(() => MonthlyPlanner.Plan(input with { Settings = input.Settings with { MinTeamSize = 1 } }));

        Assert.Equal("planning.settings.team_size", ex.Code);
    }

    [Fact]
    public void CanonicalIdOrderIsTheOrderOfTheIdText()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        var byKey = ids.OrderBy(CanonicalId.Key).ToList();
        var byText = ids.OrderBy(id => id.ToString("N"), StringComparer.Ordinal).ToList();

        Assert.Equal(byText, byKey);
    }
}
