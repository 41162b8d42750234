using System.Text;
using Strata.Core.Review;

namespace Strata.Server.Web;

/// <summary>
/// The grid's row filter as it lives in the page's URL (state, block_type, field, equals, contains): read once from the
/// query and handed as they are to list_block_values (the rows and their count) and to the bulk reviews, so the page
/// holds no filter logic of its own. An empty form field means "any"; a field without a text to match is dropped.
/// </summary>
internal sealed record GridFilter(string? State, string? BlockType, string? Field, string? EqualsText, string? Contains)
{
    public static readonly IReadOnlyList<string> Names = ["state", "block_type", "field", "equals", "contains"];

    public static GridFilter Of(PageRequest page)
    {
        string? Get(string name) => string.IsNullOrEmpty(page.Query(name)) ? null : page.Query(name);
        var (equals, contains) = (Get("equals"), Get("contains"));
        var field = equals is null && contains is null ? null : Get("field");
        return new(Get("state"), Get("block_type"), field, field is null ? null : equals, field is null ? null : contains);
    }

    public bool IsEmpty => State is null && BlockType is null && Field is null;

    /// <summary>The filter as operation arguments (absent ones null: left out).</summary>
    public (string Name, string? Value)[] Arguments =>
        [("state", State), ("block_type", BlockType), ("field", Field), ("equals", EqualsText), ("contains", Contains)];

    /// <summary>The filter as a URL query (without "?"), for the grid's script to page with.</summary>
    public string QueryString
    {
        get
        {
            var text = new StringBuilder();
            foreach (var (name, value) in Arguments.Where(a => a.Value is not null))
            {
                text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value!));
            }
            return text.ToString();
        }
    }

    /// <summary>The filter in words for the count line ("state staged, block type paragraph, topic contains “deposit”").</summary>
    public string Words => string.Join(", ", new[]
    {
        State is null ? null : $"state {State}",
        BlockType is null ? null : $"block type {BlockType}",
        Field is null ? null : EqualsText is not null ? $"{Field} equals “{EqualsText}”" : $"{Field} contains “{Contains}”",
    }.Where(w => w is not null));

    public static IReadOnlyList<string> States => BlockValueQuery.States;
}
