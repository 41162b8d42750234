using Strata.Core.Runs;

namespace Strata.Cli.Output;

/// <summary>
/// How far a long interpretation has got, on standard error so standard output stays the result. A terminal sees one
/// line rewritten in place; redirected output gets plain lines, one per report (about one a second). Not used with
/// <c>--json</c>.
/// </summary>
internal sealed class ProgressLines(string name) : IProgress<RunProgress>, IDisposable
{
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private bool _written;

    public void Report(RunProgress value)
    {
        var line = $"{name}: {value.Items:N0} records interpreted, {value.ObservationsCreated:N0} observations";
        if (_inPlace)
        {
            Console.Error.Write($"\r{line}\u001b[K");
        }
        else
        {
            Console.Error.WriteLine(line);
        }
        _written = true;
    }

    /// <summary>Ends the line rewritten in place, so the result starts on a line of its own.</summary>
    public void Dispose()
    {
        if (_inPlace && _written)
        {
            Console.Error.WriteLine();
        }
    }
}
