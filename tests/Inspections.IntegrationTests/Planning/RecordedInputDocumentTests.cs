using System.Text;
using Inspections.Domain.Planning;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Planning;

namespace Inspections.IntegrationTests.Planning;

/// <summary>
/// How a plan's input and its visits' reasons are stored: the input as gzip of its canonical encoding, older plans'
/// gzip or plain JSON still readable; reasons written by hand exactly as the serializer writes them.
/// </summary>
public sealed class RecordedInputDocumentTests
{
    private static readonly PlanningMonth May = new(2027, 5);

    [Fact]
    public void NewRecordingsAreTheGzippedEncodingAndOlderJsonOnesStillRead()
    {
        var input = SmallInput(seed: 987654321);
        var recorded = MonthlyPlanner.PlanRecorded(input);
        var stored = RecordedInputDocument.Compress(recorded.Input);

        Assert.Equal([0x1F, 0x8B], stored[..2]);
        Assert.True(stored.Length < recorded.Input.Length);
        var fromEncoding = RecordedInputDocument.Read(stored, input.Seed);
        var fromGzipJson = RecordedInputDocument.Read(CompressedText.Compress(PlanningJson.Serialize(input)), 0);
        var fromPlainJson = RecordedInputDocument.Read(Encoding.UTF8.GetBytes(PlanningJson.Serialize(input)), 0);

        foreach (var read in new[] { fromEncoding, fromGzipJson, fromPlainJson })
        {
            Assert.Equal(input.Seed, read.Seed);
            Assert.True(PlanReplay.Verify(read, recorded.Plan).Matches);
        }
    }

    [Fact]
    public void ReasonsAreWrittenAsTheSerializerWritesThem()
    {
        IReadOnlyList<VisitReason>[] lists =
        [
            [],
            [new VisitReason(ReasonCodes.RiskFrequency, 3)],
            [new VisitReason(ReasonCodes.QuarterlySpecialCheck), new VisitReason(ReasonCodes.RandomDraw, 1234567), new VisitReason(ReasonCodes.NearSchool, -1)],
            [new VisitReason("Manual.备注 \"quoted\" <tag>", 0)],
        ];
        var writer = new ReasonsJson();

        foreach (var reasons in lists)
        {
            Assert.Equal(PlanningJson.Serialize(reasons), Encoding.UTF8.GetString(writer.Write(reasons).Span));
        }
    }

    [Fact]
    public void DrawLogAndUnplannedListAreWrittenAsTheSerializerWritesThem()
    {
        var plan = MonthlyPlanner.Plan(SmallInput(seed: 42) with { Settings = PlanningSettings.Default with { MaxVisitsPerTeam = 1, MaxTeamsPerOperation = 1, MaxOperationsPerJurisdiction = 4 } });
        IReadOnlyList<UnplannedVisit> unplanned = [.. plan.Unplanned, new UnplannedVisit(Guid.NewGuid(), Guid.NewGuid(), "Unplanned.\"备注\"", [new VisitReason(ReasonCodes.RandomDraw, 7)])];

        Assert.NotEmpty(plan.DrawLog);
        Assert.NotEmpty(plan.Unplanned);
        Assert.Equal(PlanningJson.Serialize(plan.DrawLog), Written(w => PlanDocumentJson.WriteDrawLog(w, plan.DrawLog)));
        Assert.Equal(PlanningJson.Serialize(unplanned), Written(w => PlanDocumentJson.WriteUnplanned(w, unplanned)));
        Assert.Equal(PlanningJson.Serialize(unplanned), CompressedText.Decompress(CompressedText.Write(w => PlanDocumentJson.WriteUnplanned(w, unplanned))));
    }

    private static string Written(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static PlanningInput SmallInput(ulong seed)
    {
        var street = Guid.NewGuid();
        var community = new PlanningJurisdiction(Guid.NewGuid(), "440300001001", "莲花社区", street, 114.05, 22.55);
        PlanningVenue[] venues =
        [
            .. Enumerable.Range(0, 12).Select(i => new PlanningVenue(
                Guid.NewGuid(), community.Id, i % 2 == 0 ? VenueType.Ktv : VenueType.Hotel, (RiskClass)(i % 4), 114.05 + (i * 0.001), 22.55 + (i * 0.0007))
            {
                OpeningHours = i % 2 == 0 ? new OpeningHours(new TimeOnly(18, 0), new TimeOnly(2, 0)) : null,
                LastInspectedOn = i % 3 == 0 ? null : new DateOnly(2027, 1, 10 + i),
            }),
        ];
        PlanningOfficer[] officers =
        [
            .. new[] { DepartmentKind.Police, DepartmentKind.Police, DepartmentKind.MarketSupervision, DepartmentKind.MarketSupervision, DepartmentKind.Culture, DepartmentKind.Culture }
                .Select(kind => new PlanningOfficer(Guid.NewGuid(), kind, street)),
        ];
        return new PlanningInput(May, seed, PlanningSettings.Default, [community], venues, officers, [new OfficerConflict(officers[0].Id, venues[0].Id)]);
    }
}
