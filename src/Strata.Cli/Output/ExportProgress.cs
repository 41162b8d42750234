namespace Strata.Cli.Output;

/// <summary>How many rows an export has written, on standard error and only for a terminal (a redirected standard
/// error, a script, gets nothing but the result); remembers the last count for the result.</summary>
internal sealed class ExportProgress : IProgress<long>, IDisposable
{
    private readonly bool _shown = !Console.IsErrorRedirected;
    private bool _written;

    public long Rows { get; private set; }

    public void Report(long value)
    {
        Rows = value;
        if (_shown)
        {
            Console.Error.Write($"\rexport: {value:N0} rows\u001b[K");
            _written = true;
        }
    }

    public void Dispose()
    {
        if (_written)
        {
            Console.Error.WriteLine();
        }
    }
}
