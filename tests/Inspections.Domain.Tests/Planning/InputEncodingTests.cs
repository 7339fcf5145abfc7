using Inspections.Domain.Common;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Planning;

/// <summary>The recorded input is the fingerprint's encoding: it decodes to an input that plans and hashes the same.</summary>
public sealed class InputEncodingTests
{
    private static readonly PlanningMonth July = new(2026, 7);

    [Theory]
    [InlineData(7UL, false)]
    [InlineData(11UL, true)]
    public void DecodedInputReplaysToTheSamePlanAndFingerprint(ulong dataSeed, bool customSettings)
    {
        var scenario = PlanningScenario.Standard(July, dataSeed, communities: 5);
        var input = scenario.Input(July, seed: 0xC0FFEE + dataSeed);
        input = input with
        {
            Venues = [.. input.Venues.Select((v, i) => (i % 7) switch
            {
                0 => v with { ComplaintCount = 2, HasOverdueDeadline = true, HasOpenRectification = true },
                1 => v with { NearestSchoolMetres = 123.5, BreachesSchoolDistanceRule = true },
                2 => v with { OpeningHours = null, Status = VenueStatus.Suspended },
                _ => v,
            })],
            Conflicts = [new OfficerConflict(input.Officers[0].Id, input.Venues[5].Id), new OfficerConflict(input.Officers[1].Id, input.Venues[9].Id)],
        };
        if (customSettings)
        {
            var s = input.Settings;
            input = input with
            {
                Settings = s with
                {
                    RandomVisitPercent = 45,
                    HolidayMonths = [7, 1],
                    NightWindow = new TimeWindow(new TimeOnly(20, 0), new TimeOnly(1, 30)),
                    DatesToAvoid = [new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 15)],
                    ExtraWorkingDays = [new DateOnly(2026, 7, 4)],
                    Weights = s.Weights with { NearSchool = 77, ComplaintExtraCap = 5 },
                    VisitMinutes = new Dictionary<VenueType, int> { [VenueType.Hotel] = 55, [VenueType.Bar] = 25 },
                    LegalClosedHours = new Dictionary<VenueType, TimeWindow> { [VenueType.Bar] = new(new TimeOnly(3, 0), new TimeOnly(9, 0)) },
                    DepartmentRules = new DepartmentRules(
                        [DepartmentKind.Police, DepartmentKind.MarketSupervision],
                        new Dictionary<VenueType, IReadOnlyList<DepartmentKind>> { [VenueType.TobaccoRetail] = [DepartmentKind.Tobacco] }),
                    SpeedKmh = 18.5,
                },
            };
        }

        var recorded = MonthlyPlanner.PlanRecorded(input);
        var decoded = InputEncoding.Decode(recorded.Input, input.Seed);

        Assert.Equal(recorded.Plan.InputFingerprint, InputFingerprint.Of(recorded.Input));
        Assert.Equal(recorded.Plan.InputFingerprint, InputFingerprint.Compute(decoded));
        Assert.Equal(recorded.Input, InputEncoding.Encode(decoded));
        Assert.Null(PlanReplay.FirstDifference(recorded.Plan, MonthlyPlanner.Plan(decoded)));
        Assert.True(PlanReplay.Verify(decoded, recorded.Plan).Matches);
        Assert.Equal(input.Settings.Weights, decoded.Settings.Weights);
        Assert.Equal(input.Settings.NightWindow, decoded.Settings.NightWindow);
        Assert.Equal(input.Venues.Count, decoded.Venues.Count);
        var original = input.Venues.ToDictionary(v => v.Id);
        Assert.All(decoded.Venues, v => Assert.Equal(original[v.Id], v));
    }

    [Fact]
    public void TheEncodingStartsWithItsVersionAndHashesToThePublishedFingerprint()
    {
        var input = PlanningScenario.Standard(July).Input(July);

        var encoded = InputEncoding.Encode(input);

        Assert.True(InputEncoding.IsEncoding(encoded));
        Assert.Equal("inspections.planning.input/1", System.Text.Encoding.UTF8.GetString(encoded, 4, BitConverter.ToInt32(encoded, 0)));
        Assert.Equal(InputFingerprint.Compute(input), InputFingerprint.Of(encoded));
    }

    [Fact]
    public void ADamagedOrForeignRecordingIsRefusedWithAClearError()
    {
        var encoded = InputEncoding.Encode(PlanningScenario.Standard(July).Input(July));

        var truncated = Assert.Throws<DomainException>(() => InputEncoding.Decode(encoded.AsSpan(0, encoded.Length - 5), 1));
        var trailing = Assert.Throws<DomainException>(() => InputEncoding.Decode([.. encoded, 0], 1));
        var json = Assert.Throws<DomainException>(() => InputEncoding.Decode("{\"month\":{}}"u8, 1));

        Assert.All([truncated, trailing, json], ex => Assert.Equal("planning.input.encoding", ex.Code));
        Assert.Contains("damaged", truncated.Message);
    }
}
