using System.Text.Json;
using Strata.Core.Duplicates.Scoring;
using Strata.Core.Schemas;

namespace Strata.Core.Tests.Duplicates;

public sealed class PairScorerTests
{
    private static readonly PairScorer Contact = new(DefaultScoring.For(BuiltInSchemas.All.Single(s => s.EntityType == "contact")));

    private static Dictionary<string, JsonElement> Person(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void ContactsAreComparedOnNamesDatesAddressesAndIdentifiersByDefault()
    {
        var scoring = DefaultScoring.For(BuiltInSchemas.All.Single(s => s.EntityType == "contact"));

        Assert.Equal(Comparators.Name, scoring.Fields["family_name"].Comparator);
        Assert.Equal(Comparators.Date, scoring.Fields["birthday"].Comparator);
        Assert.Equal(Comparators.TokenSet, scoring.Fields["address"].Comparator);
        Assert.Equal(Comparators.Exact, scoring.Fields["postcode"].Comparator);
        Assert.Equal(Comparators.Email, scoring.Fields["email"].Comparator);
        Assert.Equal(Comparators.Phone, scoring.Fields["phones"].Comparator);
        Assert.False(scoring.Fields.ContainsKey("notes"));
        Assert.Equal(["given_name", "family_name"], scoring.Swap);
    }

    [Fact]
    public void ATypoInTheNameWithTheSameBirthdayAndAddressScoresAsOnePerson()
    {
        var score = Contact.Score(
            Person("""{"given_name":"lachlan","family_name":"reid","birthday":"1950-03-01","address":"6 tullaroop street, willaroo","postcode":"4011"}"""),
            Person("""{"given_name":"lachlan","family_name":"reed","birthday":"1950-03-01","address":"6 tullaroop st, willaroo","postcode":"4011"}"""));

        Assert.True(score.Score > 0.99, $"score {score.Score}");
        Assert.Equal("agree", score.Fields.Single(f => f.Field == "birthday").Word);
        Assert.InRange(score.Fields.Single(f => f.Field == "family_name").Similarity, 0.8, 0.99);
    }

    [Fact]
    public void TheSameNameWithAnotherBirthdayAndAddressIsNotSuggested()
    {
        var score = Contact.Score(
            Person("""{"given_name":"lachlan","family_name":"reid","birthday":"1950-03-01","address":"6 tullaroop street, willaroo","postcode":"4011"}"""),
            Person("""{"given_name":"lachlan","family_name":"reid","birthday":"1960-07-12","address":"91 kesteven crescent, lyneham","postcode":"2602"}"""));

        Assert.True(score.Score < new Strata.Core.Jobs.WorkerOptions().DuplicateThreshold - 0.2, $"score {score.Score}");
        Assert.Equal("disagree", score.Fields.Single(f => f.Field == "birthday").Word);
    }

    [Fact]
    public void SwappedGivenAndFamilyNamesAreComparedCrossedAndSaidSo()
    {
        var score = Contact.Score(
            Person("""{"given_name":"holly","family_name":"white","birthday":"1945-07-03"}"""),
            Person("""{"given_name":"white","family_name":"holly","birthday":"1945-07-03"}"""));

        Assert.Equal("agree", score.Fields.Single(f => f.Field == "given_name").Word);
        Assert.Equal("agree", score.Fields.Single(f => f.Field == "family_name").Word);
        Assert.Equal("swapped", score.Fields.Single(f => f.Field == "name_order").Word);
        Assert.True(score.Score > 0.99);
    }

    [Fact]
    public void ATransposedDayAndMonthStillCountsForTheBirthday()
    {
        var transposed = Contact.Score(Person("""{"family_name":"mason","birthday":"1908-11-12"}"""), Person("""{"family_name":"mason","birthday":"1908-12-11"}"""));
        var other = Contact.Score(Person("""{"family_name":"mason","birthday":"1908-11-12"}"""), Person("""{"family_name":"mason","birthday":"1932-04-17"}"""));

        Assert.Equal("transposed", transposed.Fields.Single(f => f.Field == "birthday").Word);
        Assert.True(transposed.Fields.Single(f => f.Field == "birthday").Weight > 0);
        Assert.True(transposed.Score > other.Score);
    }

    [Fact]
    public void AMissingValueNeitherHelpsNorHurts()
    {
        var withoutBirthday = Contact.Score(Person("""{"given_name":"amy","family_name":"chandler"}"""), Person("""{"given_name":"amy","family_name":"chandler","birthday":"1973-03-18"}"""));
        var namesOnly = Contact.Score(Person("""{"given_name":"amy","family_name":"chandler"}"""), Person("""{"given_name":"amy","family_name":"chandler"}"""));

        Assert.Equal(namesOnly.Weight, withoutBirthday.Weight);
        Assert.DoesNotContain(withoutBirthday.Fields, f => f.Field == "birthday");
    }

    [Fact]
    public void BlockingKeysForgiveATypoInTheFamilyNameAndASwap()
    {
        var scoring = DefaultScoring.For(BuiltInSchemas.All.Single(s => s.EntityType == "contact"));
        var keys = BlockingKeys.For(scoring, Person("""{"given_name":"holly","family_name":"white","birthday":"1945-07-03","postcode":"3934","email":"Holly@Example.com"}"""));
        var typo = BlockingKeys.For(scoring, Person("""{"given_name":"holly","family_name":"whyte","birthday":"1945-07-30"}"""));
        var swapped = BlockingKeys.For(scoring, Person("""{"given_name":"white","family_name":"holly"}"""));

        Assert.Contains("d:birthday:1945-07-03", keys);
        Assert.Contains("x:postcode:3934", keys);
        Assert.Contains("e:holly", keys);
        Assert.Contains(keys.Intersect(typo), k => k.StartsWith("n:"));
        Assert.Contains(keys.Intersect(swapped), k => k.StartsWith("n:"));
    }
}
