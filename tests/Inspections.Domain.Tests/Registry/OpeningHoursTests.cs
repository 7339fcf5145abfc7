using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Registry;

public sealed class OpeningHoursTests
{
    [Theory]
    [InlineData("10:00-02:00", 10, 0, 2, 0)]
    [InlineData("8:00 - 24:00", 8, 0, 0, 0)]
    [InlineData("09:30～21:00", 9, 30, 21, 0)]
    public void Parses(string text, int oh, int om, int ch, int cm)
    {
        Assert.True(OpeningHours.TryParse(text, out var hours));
        Assert.Equal(new OpeningHours(new TimeOnly(oh, om), new TimeOnly(ch, cm)), hours);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10:00")]
    [InlineData("25:00-02:00")]
    [InlineData("ten to two")]
    public void RejectsNonsense(string text)
    {
        Assert.False(OpeningHours.TryParse(text, out _));
    }

    [Fact]
    public void AnOvernightWindowIsOpenAfterMidnight()
    {
        var ktv = new OpeningHours(new TimeOnly(12, 0), new TimeOnly(2, 0));

        Assert.True(ktv.Overnight);
        Assert.True(ktv.IsOpenAt(new TimeOnly(1, 30)));
        Assert.False(ktv.IsOpenAt(new TimeOnly(3, 0)));
        Assert.True(ktv.IsOpenAt(new TimeOnly(23, 0)));
    }

    [Fact]
    public void RoundTripsThroughText()
    {
        var hours = new OpeningHours(new TimeOnly(8, 0), new TimeOnly(0, 0));

        Assert.True(OpeningHours.TryParse(hours.ToString(), out var back));
        Assert.Equal(hours, back);
    }
}
