using Strata.Core.Imports;

namespace Strata.Cli.Output;

/// <summary>How far an import has read, on standard error: one line rewritten in place on a terminal, plain lines (one per
/// batch of conversations) when redirected.</summary>
internal sealed class ImportProgressLines(string name) : IProgress<ChatImportProgress>, IDisposable
{
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private bool _written;

    public void Report(ChatImportProgress value)
    {
        var line = $"{TerminalText.Safe(name)}: {Count(value.ConversationsRead, "conversation")} read ({value.ConversationsAdded:N0} new or changed), "
            + Count(value.MessagesRead, "message");
        if (_inPlace) Console.Error.Write($"\r{line}\u001b[K");
        else Console.Error.WriteLine(line);
        _written = true;
    }

    private static string Count(long count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";

    public void Dispose()
    {
        if (_inPlace && _written) Console.Error.WriteLine();
    }
}
