using System.CommandLine;
using Strata.Core;

namespace Strata.Cli.Commands;

/// <summary>--limit and --offset for list commands; --cursor and --include-total for lists that page by cursor.</summary>
internal sealed class PagingOptions(bool byCursor = false)
{
    private readonly Option<int> _limit = new("--limit") { Description = $"At most this many (1-{Paging.MaxLimit}).", DefaultValueFactory = _ => Paging.DefaultLimit };
    private readonly Option<int> _offset = new("--offset") { Description = "Skip this many first.", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _cursor = new("--cursor") { Description = "Continue the list: the cursor the previous page printed." };
    private readonly Option<bool> _includeTotal = new("--include-total") { Description = "Also count every matching item (reads the whole list)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_limit);
        if (byCursor)
        {
            command.Options.Add(_cursor);
            command.Options.Add(_includeTotal);
        }
        command.Options.Add(_offset);
    }

    public Paging From(ParseResult parse) => byCursor
        ? new(parse.GetValue(_limit), parse.GetValue(_offset), parse.GetValue(_cursor), parse.GetValue(_includeTotal))
        : new(parse.GetValue(_limit), parse.GetValue(_offset));
}
