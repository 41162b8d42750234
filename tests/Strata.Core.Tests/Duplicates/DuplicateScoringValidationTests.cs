using Strata.Core.Duplicates.Scoring;
using Strata.Core.Errors;
using Strata.Core.Schemas;

namespace Strata.Core.Tests.Duplicates;

public sealed class DuplicateScoringValidationTests
{
    private static SchemaDefinition Member(DuplicateScoring scoring) => new("member", new Dictionary<string, FieldDefinition>
    {
        ["given_name"] = new(FieldTypes.String),
        ["family_name"] = new(FieldTypes.String),
        ["birthday"] = new(FieldTypes.Date),
    }, ["family_name"], Duplicates: scoring);

    private static readonly Dictionary<string, FieldScoring> Names = new()
    {
        ["given_name"] = new(Comparators.Name),
        ["family_name"] = new(Comparators.Name, M: 0.9, U: 0.001),
    };

    [Fact]
    public void ADeclaredScoringSectionIsUsedAsItIs()
    {
        var scoring = new DuplicateScoring(Names, ["given_name", "family_name"], Threshold: 0.9, AutoMergeThreshold: 0.999);

        Assert.Null(Record.Exception(() => SchemaValidator.Validate(Member(scoring))));
        Assert.Same(scoring, DefaultScoring.For(Member(scoring)));
    }

    public static TheoryData<string, DuplicateScoring> Flawed => new()
    {
        { "not a declared field", new DuplicateScoring(new Dictionary<string, FieldScoring>(Names) { ["shoe_size"] = new(Comparators.Exact) }) },
        { "comparator must be one of", new DuplicateScoring(new Dictionary<string, FieldScoring> { ["birthday"] = new("soundex") }) },
        { "0 < u < m < 1", new DuplicateScoring(new Dictionary<string, FieldScoring> { ["birthday"] = new(Comparators.Date, M: 0.01, U: 0.5) }) },
        { "swap must name two fields", new DuplicateScoring(Names, ["given_name", "birthday"]) },
        { "threshold must be above 0", new DuplicateScoring(Names, Threshold: 1.5) },
        { "must not be below", new DuplicateScoring(Names, Threshold: 0.9, AutoMergeThreshold: 0.5) },
    };

    [Theory]
    [MemberData(nameof(Flawed))]
    public void AFlawedScoringSectionIsRefusedSayingWhatIsWrong(string problem, DuplicateScoring scoring)
    {
        var refused = Assert.Throws<StrataException>(() => SchemaValidator.Validate(Member(scoring)));

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains(problem, refused.Message);
    }
}
