using Inspections.Domain.Identifiers;

namespace Inspections.Domain.Tests.Identifiers;

public sealed class ResidentIdTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void AcceptsValidNumbers(string id)
    {
        Assert.True(ResidentId.IsValid(id));
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("11010519491331002X")]
    [InlineData("1101051949123100")]
    [InlineData("A1010519491231002X")]
    [InlineData("")]
    public void RejectsInvalidNumbers(string id)
    {
        Assert.False(ResidentId.IsValid(id));
    }

    [Fact]
    public void ComputesTheCheckCharacter()
    {
        Assert.Equal('X', ResidentId.ComputeCheck("11010519491231002"));
        Assert.Equal('4', ResidentId.ComputeCheck("44052418800101001"));
    }

    [Fact]
    public void MasksAllButTheFirstAndLastFour()
    {
        Assert.Equal("1101**********002X", ResidentId.Mask("11010519491231002x"));
        Assert.Equal(string.Empty, ResidentId.Mask(null));
    }

    [Fact]
    public void ReadsTheBirthDate()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentId.BirthDate("11010519491231002X"));
    }
}
