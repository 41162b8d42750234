using Strata.Core.Evidence;

namespace Strata.Core.Tests.Evidence;

public sealed class EvidenceLocatorTests
{
    [Fact]
    public void An_exact_quote_gets_its_offsets()
    {
        const string source = "Meeting notes.\nAda will send the contract by Friday.";
        var span = new EvidenceLocator(source).Locate("send the contract");
        Assert.Equal(new EvidenceSpan(true, source.IndexOf("send", StringComparison.Ordinal), 17, EvidenceMatch.Exact), span);
    }

    [Fact]
    public void A_quote_across_a_crlf_line_break_maps_back_to_the_original_characters()
    {
        const string source = "Budget:\r\nthe total is\r\n  4,200 EUR for Q3.";
        var span = new EvidenceLocator(source).Locate("the total is 4,200 EUR");
        Assert.True(span.Found);
        Assert.Equal(EvidenceMatch.Normalized, span.Match);
        Assert.Equal("the total is\r\n  4,200 EUR", source.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Curly_quotes_and_dashes_match_straight_ones_and_case_is_folded()
    {
        const string source = "She said \u201Cwe\u2019ll ship it\u201D \u2014 twice.";
        var span = new EvidenceLocator(source).Locate("\"We'll ship it\" - twice");
        Assert.True(span.Found);
        Assert.Equal("\u201Cwe\u2019ll ship it\u201D \u2014 twice", source.Substring(span.Start, span.Length));
    }

    [Fact]
    public void A_decomposed_accent_in_the_source_matches_a_precomposed_quote_and_keeps_its_mark()
    {
        const string source = "Lunch at Cafe\u0301 Noir with Zoe\u0308.";
        var span = new EvidenceLocator(source).Locate("Caf\u00E9 Noir with Zo\u00EB");
        Assert.True(span.Found);
        Assert.Equal("Cafe\u0301 Noir with Zoe\u0308", source.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_keep_offsets_in_utf16_units()
    {
        const string source = "\U0001F4C5 Call \U0001D400lice on Monday";
        var span = new EvidenceLocator(source).Locate("call alice");
        Assert.True(span.Found);
        Assert.Equal("Call \U0001D400lice", source.Substring(span.Start, span.Length));
    }

    [Fact]
    public void A_quote_that_is_not_there_is_not_found_and_has_no_offsets()
    {
        var locator = new EvidenceLocator("Ada will send the contract.");
        Assert.Equal(EvidenceSpan.NotFound, locator.Locate("Bob will sign it"));
        Assert.Equal(EvidenceSpan.NotFound, locator.Locate("   "));
        Assert.Equal(EvidenceSpan.NotFound, locator.Locate(null));
    }

    [Fact]
    public void The_search_stays_inside_the_given_chunk()
    {
        const string source = "Ada called.\n\nLater, Ada called again.";
        var second = source.IndexOf("Later", StringComparison.Ordinal);
        var locator = new EvidenceLocator(source);

        Assert.Equal(0, locator.Locate("Ada called").Start);
        Assert.Equal(source.IndexOf("Ada called again", StringComparison.Ordinal), locator.Locate("ADA CALLED", second, source.Length - second).Start);
        Assert.False(locator.Locate("Later", 0, second).Found);
    }
}
