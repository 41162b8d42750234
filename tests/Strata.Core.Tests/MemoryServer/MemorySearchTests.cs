using Strata.Core.MemoryServer;

namespace Strata.Core.Tests.MemoryServer;

/// <summary>search_nodes chooses what to fold with <see cref="MemorySearch.MayMatch"/> over each entity's kept text
/// (ASCII texts by a path of their own): it must accept every text the match accepts as an entity's strings.</summary>
public sealed class MemorySearchTests
{
    private static readonly string[] Pieces =
        ["Weeks", "weeks", "Wekes", "Benjamin", "ben", "Zoë", "zoe", "Café", "cafe", "CELLO", "chello", "1815", "ada-lovelace", "x", "", " ", "\n", "ß", "İstanbul"];

    [Fact]
    public void May_match_answers_as_the_match_over_the_same_text_for_ascii_and_other_texts()
    {
        var random = new Random(28);
        string Some(int most) => string.Join(random.Next(2) == 0 ? " " : "\n",
            Enumerable.Range(0, random.Next(most + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        var disagreements = 0;
        var accepted = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = Some(6);
            var search = new MemorySearch(Some(2));
            var matches = search.Matches(new MemoryEntity(text, "", []));
            if (matches) accepted++;
            if (search.MayMatch(text) != matches) disagreements++;
        }
        Assert.Equal(0, disagreements);
        Assert.InRange(accepted, 400, 3600); // both answers occur: the comparison compared something
    }

    [Fact]
    public void May_match_accepts_a_text_holding_more_strings_than_an_entity_holds_now_and_a_text_not_kept()
    {
        var entity = new MemoryEntity("Benjamin Weeks", "person", ["plays the cello"]);
        const string Kept = "Benjamin Weeks\nperson\nplays the cello\nlikes tea";
        foreach (var query in new[] { "wekes ben", "chello", "PERSON", "min wee", "the cello" })
        {
            Assert.True(new MemorySearch(query).Matches(entity), query);
            Assert.True(new MemorySearch(query).MayMatch(Kept), query);
        }
        Assert.False(new MemorySearch("violin").MayMatch(Kept));
        Assert.True(new MemorySearch("violin").MayMatch(null));
    }
}
