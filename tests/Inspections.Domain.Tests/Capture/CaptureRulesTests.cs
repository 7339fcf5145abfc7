using System.Text.Json.Nodes;
using Inspections.Domain.Capture;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Xunit;

namespace Inspections.Domain.Tests.Capture;

public sealed class CaptureRulesTests
{
    [Theory]
    [InlineData(0, null, true)]
    [InlineData(200, null, true)]
    [InlineData(200.5, null, false)]
    [InlineData(850, "   ", false)]
    [InlineData(850, "场所招牌在背街，定位漂移", true)]
    public void Check_in_beyond_the_limit_needs_a_reason(double metres, string? reason, bool ok)
    {
        Assert.Equal(ok, CheckInRule.IsAcceptable(metres, 200, reason));
        Assert.Equal(metres > 200, CheckInRule.RequiresReason(metres, 200));
    }

    [Fact]
    public void Haversine_distance_used_for_estimates_is_about_right()
    {
        // 0.001° of latitude ≈ 111 m.
        var d = Geo.HaversineMetres(114.05, 22.55, 114.05, 22.551);
        Assert.InRange(d, 110, 112);
    }

    private static ChecklistPack Pack()
    {
        var pack = new ChecklistPack(Guid.Empty, VenueType.InternetCafe, 1, "网吧", "Internet café", DateTimeOffset.UtcNow);
        pack.AddItem(new("C-01", 10, "未接纳未成年人", "No minors", DepartmentKind.Culture, "未保法58", null, null, ItemSeverity.Critical, 0, null));
        pack.AddItem(new("P-01", 20, "实名登记", "ID registration", DepartmentKind.Police, "网吧条例23", null, null, ItemSeverity.Major, 3, null));
        pack.AddItem(new("M-01", 30, "不售烟酒", "No tobacco", DepartmentKind.MarketSupervision, "未保法59", null, null, ItemSeverity.Major, 0, null));
        pack.AddItem(new("C-02", 5, "监管软件", "Monitoring software", DepartmentKind.Culture, "网吧条例20", null, null, ItemSeverity.Major, 3, null));
        return pack;
    }

    [Fact]
    public void A_joint_visit_shows_the_union_of_the_departments_items_in_order()
    {
        var items = ChecklistUnion.ItemsFor(Pack().Items, [DepartmentKind.Police, DepartmentKind.Culture]);
        Assert.Equal(["C-02", "C-01", "P-01"], items.Select(i => i.Code));
        Assert.Empty(ChecklistUnion.ItemsFor(Pack().Items, [DepartmentKind.Fire]));
    }

    [Fact]
    public void Missing_codes_name_the_unanswered_items_of_the_departments_present()
    {
        var pack = Pack();
        var answered = pack.Items.Where(i => i.Code == "C-01").Select(i => i.Id);
        Assert.Equal(["C-02", "P-01"], ChecklistUnion.MissingCodes(pack.Items, [DepartmentKind.Police, DepartmentKind.Culture], answered));
        Assert.Empty(ChecklistUnion.MissingCodes(pack.Items, [DepartmentKind.MarketSupervision], pack.Items.Select(i => i.Id)));
    }

    [Fact]
    public void A_pack_refuses_duplicate_codes()
    {
        var pack = Pack();
        var e = Assert.Throws<DomainException>(() =>
            pack.AddItem(new("C-01", 1, "x", "x", DepartmentKind.Culture, "x", null, null, ItemSeverity.Minor, 0, null)));
        Assert.Equal("items.duplicate_code", e.Code);
    }

    [Fact]
    public void Canonical_hash_ignores_key_order_whitespace_and_number_spelling()
    {
        var a = JsonNode.Parse("""{"b":1.50,"a":{"y":[1,2,"三"],"x":true},"c":null}""");
        var b = JsonNode.Parse("""
            { "c": null,
              "a": { "x": true, "y": [ 1, 2.0, "\u4e09" ] },
              "b": 1.5 }
            """);
        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
        Assert.Equal(CanonicalJson.Sha256Hex(a), CanonicalJson.Sha256Hex(b));
        Assert.Equal(64, CanonicalJson.Sha256Hex(a).Length);
    }

    [Fact]
    public void Canonical_hash_changes_with_content_and_array_order()
    {
        var a = CanonicalJson.Sha256Hex(JsonNode.Parse("""{"items":[1,2],"note":"门口无标志"}"""));
        Assert.NotEqual(a, CanonicalJson.Sha256Hex(JsonNode.Parse("""{"items":[2,1],"note":"门口无标志"}""")));
        Assert.NotEqual(a, CanonicalJson.Sha256Hex(JsonNode.Parse("""{"items":[1,2],"note":"门口无标志 "}""")));
        Assert.NotEqual(a, CanonicalJson.Sha256Hex(JsonNode.Parse("""{"items":[1,2],"note":null}""")));
    }

    [Fact]
    public void Canonical_form_sorts_keys_by_ordinal()
    {
        Assert.Equal("""{"B":2,"a":1,"b":[true,false]}""", CanonicalJson.Serialize(JsonNode.Parse("""{"b":[true,false],"a":1,"B":2}""")));
    }
}
