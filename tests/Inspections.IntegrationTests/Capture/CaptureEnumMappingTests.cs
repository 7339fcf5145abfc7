using Wire = Inspections.Capture.Contracts;
using Model = Inspections.Domain.Capture;

namespace Inspections.IntegrationTests.Capture;

/// <summary>
/// The sync converts the wire enums to the domain's by number (<c>(Model.ItemOutcome)(int)wire</c>): both sides must
/// keep the same names on the same numbers, or a "Fail" on the tablet could be stored as something else.
/// </summary>
public sealed class CaptureEnumMappingTests
{
    [Fact]
    public void WireAndDomainEnumsHaveTheSameNamesOnTheSameNumbers()
    {
        AssertSame<Wire.ItemOutcome, Model.ItemOutcome>();
        AssertSame<Wire.VisitKind, Model.VisitKind>();
        AssertSame<Wire.SignerRole, Model.SignerRole>();
    }

    private static void AssertSame<TWire, TModel>()
        where TWire : struct, Enum
        where TModel : struct, Enum
    {
        var wire = Enum.GetValues<TWire>().Select(v => (Number: Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), Name: v.ToString()));
        var model = Enum.GetValues<TModel>().Select(v => (Number: Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), Name: v.ToString()));
        Assert.Equal(wire.OrderBy(x => x.Number), model.OrderBy(x => x.Number));
    }
}
