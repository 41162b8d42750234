namespace Strata.Cli.Output;

/// <summary>
/// How far <c>strata ingest --project</c> has got through its files, on standard error so standard output stays the
/// per-file results: a terminal sees a bar rewritten in place; redirected output gets one plain line per file. Not used
/// with <c>--json</c>.
/// </summary>
internal sealed class FileProgress(int total) : IDisposable
{
    private const int Width = 30;
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private bool _barShown;

    /// <summary>Before a file is sent: the bar moves to it (a terminal only).</summary>
    public void Starting(int index, string name)
    {
        if (!_inPlace) return;
        Console.Error.Write($"\r{Bar(index)} {index}/{total} {TerminalText.Safe(Short(name))}\u001b[K");
        _barShown = true;
    }

    /// <summary>After a file: its line (on a terminal the bar is cleared first and redrawn by the next file).</summary>
    public void Finished(int index, string name, string status)
    {
        if (_inPlace && _barShown)
        {
            Console.Error.Write("\r\u001b[K");
            _barShown = false;
        }
        if (!_inPlace) Console.Error.WriteLine(TerminalText.Safe($"[{index}/{total}] {name}: {status}"));
    }

    public void Dispose()
    {
        if (!_inPlace) return;
        if (_barShown) Console.Error.Write("\r\u001b[K");
        Console.Error.WriteLine($"{Bar(total)} {total}/{total} done");
    }

    private string Bar(int done)
    {
        var filled = total == 0 ? Width : (int)((long)done * Width / total);
        return "[" + new string('#', filled) + new string('-', Width - filled) + "]";
    }

    private static string Short(string name) => name.Length <= 60 ? name : "…" + name[^59..];
}
