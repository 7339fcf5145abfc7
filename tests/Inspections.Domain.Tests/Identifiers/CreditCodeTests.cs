using Inspections.Domain.Identifiers;

namespace Inspections.Domain.Tests.Identifiers;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("11100000000013127D")]
    public void AcceptsPublishedRegistrations(string code)
    {
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));
    }

    [Fact]
    public void ComputesTheGb32100CheckCharacter()
    {
        Assert.Equal('3', CreditCode.ComputeCheckCharacter("91350100M000100Y4"));
        Assert.Equal('L', CreditCode.ComputeCheckCharacter("91110000600037341"));
    }

    [Fact]
    public void ComputesTheGb11714OrganisationCheck()
    {
        Assert.Equal('4', CreditCode.ComputeOrganisationCheck("M000100Y"));
        Assert.Equal('1', CreditCode.ComputeOrganisationCheck("60003734"));
    }

    [Theory]
    [InlineData("91350100M000100Y44", CreditCodeCheck.ChecksumMismatch)]
    [InlineData("91350100M000100Y4", CreditCodeCheck.WrongLength)]
    [InlineData("91350100M000100I43", CreditCodeCheck.InvalidCharacter)]
    [InlineData("", CreditCodeCheck.Missing)]
    [InlineData("   ", CreditCodeCheck.Missing)]
    public void ReportsWhatIsWrong(string code, CreditCodeCheck expected)
    {
        Assert.Equal(expected, CreditCode.Check(code));
    }

    [Fact]
    public void DetectsABrokenOrganisationCodeEvenWhenTheOuterCheckMatches()
    {
        var first17 = "91350100M000100Y5";
        var code = first17 + CreditCode.ComputeCheckCharacter(first17);

        Assert.Equal(CreditCodeCheck.OrganisationCodeMismatch, CreditCode.Check(code));
    }

    [Fact]
    public void NormalisesCaseAndSpaces()
    {
        Assert.True(CreditCode.IsValid(" 91350100m000100y43 "));
    }

    [Fact]
    public void ComposedCodesAreValid()
    {
        var code = CreditCode.Compose('9', '1', "440309", "MA5F3K2L");

        Assert.Equal(18, code.Length);
        Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));
    }
}
