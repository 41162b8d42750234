using Strata.Core.Duplicates.Scoring;

namespace Strata.Core.Tests.Duplicates;

public sealed class ComparatorTests
{
    // The textbook values (Winkler 1990; the examples every implementation checks against).
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("jones", "johnson", 0.832)]
    public void JaroWinklerGivesTheKnownValues(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);
        Assert.Equal(expected, JaroWinkler.Similarity(b, a), 3);
    }

    [Fact]
    public void JaroWinklerIsOneForEqualAndZeroForNothingInCommon()
    {
        Assert.Equal(1, JaroWinkler.Similarity("ada", "ada"));
        Assert.Equal(0, JaroWinkler.Similarity("abc", "xyz"));
        Assert.Equal(0, JaroWinkler.Similarity("", "ada"));
        Assert.Equal(0.944, JaroWinkler.Jaro("martha", "marhta"), 3);
    }

    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("smyth", "S530")]
    [InlineData("", "")]
    public void SoundexGivesTheStandardCodes(string name, string code) => Assert.Equal(code, Soundex.Code(name));

    [Fact]
    public void DatesAgreeExactlyByTranspositionByOneDigitOrNotAtAll()
    {
        Assert.Equal((1.0, (string?)null), DateAgreement.Compare("1981-06-28", "1981-06-28"));
        Assert.Equal((DateAgreement.Transposed, "transposed"), DateAgreement.Compare("1981-06-08", "1981-08-06"));
        Assert.Equal((DateAgreement.OneDigit, "one_digit"), DateAgreement.Compare("1972-05-18", "1972-05-19"));
        Assert.Equal(0, DateAgreement.Compare("1950-03-01", "1960-07-12").Similarity);
        Assert.Equal(1, DateAgreement.Compare("1981-06-28T10:00:00Z", "1981-06-28").Similarity);
    }

    [Fact]
    public void TokenSetSimilarityIgnoresOrderAndForgivesATypoInOneWord()
    {
        Assert.Equal(1, TokenSetSimilarity.Similarity("6 tullaroop street willaroo", "willaroo, 6 tullaroop street"));
        Assert.InRange(TokenSetSimilarity.Similarity("6 tullaroop street willaroo", "6 tullarop street willaroo")!.Value, 0.97, 0.999);
        Assert.InRange(TokenSetSimilarity.Similarity("6 tullaroop street", "91 kesteven crescent")!.Value, 0, 0.6);
        Assert.Null(TokenSetSimilarity.Similarity("", "6 tullaroop street"));
    }
}
