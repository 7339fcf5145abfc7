using Inspections.Domain.Common;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Registry;

public sealed class VenueTests
{
    private static VenueDetails Details(string? creditCode = "91350100M000100Y43", double lon = 114.06, double lat = 22.63, VenueType type = VenueType.Ktv) =>
        new("金嗓子KTV", type, creditCode, null, "深圳市龙华区民治街道1号", Geo.Point(lon, lat), new OpeningHours(new TimeOnly(12, 0), new TimeOnly(2, 0)),
            null, VenueStatus.Operating, RiskClass.B, "张三", null, "13800000000", null);

    [Fact]
    public void AValidVenueInChinaHasNoIntrinsicWarnings()
    {
        Assert.Empty(Venue.IntrinsicWarnings(Details()));
    }

    [Fact]
    public void ABadChecksumIsAWarningNotARejection()
    {
        var details = Details("91350100M000100Y44");

        var warnings = Venue.IntrinsicWarnings(details);
        var venue = new Venue(Guid.NewGuid(), details);

        Assert.Contains(warnings, w => w.Code == WarningCodes.CreditCodeInvalid);
        Assert.Equal("91350100M000100Y44", venue.CreditCode);
    }

    [Fact]
    public void SwappedCoordinatesAreFlaggedAsOutsideChina()
    {
        var warnings = Venue.IntrinsicWarnings(Details(lon: 22.63, lat: 114.06 - 90));

        Assert.Contains(warnings, w => w.Code == WarningCodes.OutsideChina);
    }

    [Fact]
    public void AnOverrideNeedsAReason()
    {
        var venue = new Venue(Guid.NewGuid(), Details());

        var ex = Assert.Throws<DomainException>(() =>
            venue.AcceptOverrides([new ValidationOverride(WarningCodes.CreditCodeInvalid, " ", "officer", DateTimeOffset.UtcNow)]));
        Assert.Equal("override.reason_required", ex.Code);
    }

    [Fact]
    public void ANewOverrideReplacesTheOldOneOfTheSameCode()
    {
        var venue = new Venue(Guid.NewGuid(), Details());

        venue.AcceptOverrides([new ValidationOverride(WarningCodes.CreditCodeInvalid, "旧理由", "a", DateTimeOffset.UtcNow)]);
        venue.AcceptOverrides([new ValidationOverride(WarningCodes.CreditCodeInvalid, "新理由", "b", DateTimeOffset.UtcNow)]);

        var only = Assert.Single(venue.Overrides);
        Assert.Equal("新理由", only.Reason);
    }

    [Fact]
    public void AnInvalidLegalRepresentativeIdIsRejected()
    {
        var details = Details() with { LegalRepresentativeIdNumber = "110105194912310021" };

        var ex = Assert.Throws<DomainException>(() => new Venue(Guid.NewGuid(), details));
        Assert.Equal("legalRepresentativeIdNumber.invalid", ex.Code);
    }

    [Theory]
    [InlineData(VenueType.Ktv, true)]
    [InlineData(VenueType.Bar, true)]
    [InlineData(VenueType.Hotel, false)]
    [InlineData(VenueType.TutoringCentre, false)]
    public void NightVenueDefaultsFollowTheType(VenueType type, bool night)
    {
        var venue = new Venue(Guid.NewGuid(), Details(type: type));

        Assert.Equal(night, venue.IsNightVenue);
    }

    [Fact]
    public void RiskRisesUpToD()
    {
        var venue = new Venue(Guid.NewGuid(), Details() with { RiskClass = RiskClass.C });

        venue.RaiseRisk();
        venue.RaiseRisk();

        Assert.Equal(RiskClass.D, venue.RiskClass);
    }
}
