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
        var line = $"{name}: {value.ConversationsRead:N0} conversations read ({value.ConversationsAdded:N0} new or changed), {value.MessagesRead:N0} messages";
        if (_inPlace) Console.Error.Write($"\r{line}\u001b[K");
        else Console.Error.WriteLine(line);
        _written = true;
    }

    public void Dispose()
    {
        if (_inPlace && _written) Console.Error.WriteLine();
    }
}
