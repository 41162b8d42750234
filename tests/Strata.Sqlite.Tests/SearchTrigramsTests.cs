using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>The trigrams a substring query asks the trigram index for (it keeps no positions since migration 0480): every
/// run of three code points, as SQLite's trigram tokenizer cuts the text, each once.</summary>
public sealed class SearchTrigramsTests
{
    [Theory]
    [InlineData("ab", "")]
    [InlineData("abc", "abc")]
    [InlineData("lovelace", "lov ove vel ela lac ace")]
    [InlineData("aaaaa", "aaa")]
    [InlineData("abab", "aba bab")]
    [InlineData("🦀🦀", "")]
    [InlineData("🦀a🦀", "🦀a🦀")]
    [InlineData("x🦀🦀🦀y", "x🦀🦀 🦀🦀🦀 🦀🦀y")]
    public void A_word_is_cut_into_its_distinct_runs_of_three_code_points(string word, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TrigramQuery.Trigrams(word)));
    }
}
