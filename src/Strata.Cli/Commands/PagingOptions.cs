using System.CommandLine;
using Strata.Core;

namespace Strata.Cli.Commands;

/// <summary>--limit and --offset for list commands.</summary>
internal sealed class PagingOptions
{
    private readonly Option<int> _limit = new("--limit") { Description = $"At most this many (1-{Paging.MaxLimit}).", DefaultValueFactory = _ => Paging.DefaultLimit };
    private readonly Option<int> _offset = new("--offset") { Description = "Skip this many first.", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(_limit);
        command.Options.Add(_offset);
    }

    public Paging From(ParseResult parse) => new(parse.GetValue(_limit), parse.GetValue(_offset));
}
