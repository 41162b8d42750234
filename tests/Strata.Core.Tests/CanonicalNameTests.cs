using Strata.Core.Entities;

namespace Strata.Core.Tests;

public sealed class CanonicalNameTests
{
    [Theory]
    [InlineData("Ada Lovelace", "ada lovelace")]
    [InlineData("  ADA   LOVELACE ", "ada lovelace")]
    [InlineData("Dr. Ada Lovelace", "ada lovelace")]
    [InlineData("Mrs Ada Lovelace", "ada lovelace")]
    [InlineData("José Núñez", "jose nunez")]
    [InlineData("O'Brien, Pat", "obrien pat")]
    [InlineData("Acme, Inc.", "acme")]
    [InlineData("Acme LLC", "acme")]
    [InlineData("Siemens GmbH", "siemens")]
    [InlineData("Widgets Co. Ltd", "widgets")]
    [InlineData("Ada@Example.COM", "ada@example.com")]
    [InlineData(" first.last+tag@sub.example.org ", "first.last+tag@sub.example.org")]
    public void NamesWrittenDifferentlyNormaliseToOneForm(string input, string expected) =>
        Assert.Equal(expected, CanonicalNames.Normalize(input));

    [Fact]
    public void ALoneHonorificOrSuffixIsKeptBecauseItIsTheWholeName()
    {
        Assert.Equal("dr", CanonicalNames.Normalize("Dr."));
        Assert.Equal("inc", CanonicalNames.Normalize("Inc"));
    }

    [Fact]
    public void DifferentPeopleStayDifferent() =>
        Assert.NotEqual(CanonicalNames.Normalize("Ada Lovelace"), CanonicalNames.Normalize("Ada Byron"));
}
