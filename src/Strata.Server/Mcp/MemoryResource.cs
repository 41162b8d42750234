using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;

namespace Strata.Server.Mcp;

/// <summary>MEMORY.md as the resource <c>strata://memory</c>: the get_memory document's Markdown at the default budget.</summary>
internal static class MemoryResource
{
    public const string Uri = "strata://memory";
    private const string MarkdownMimeType = "text/markdown";

    public static readonly Resource Listed = new()
    {
        Uri = Uri,
        Name = "memory",
        Title = "MEMORY.md",
        Description = "What Strata remembers about you, rendered from your entities' snapshots (the get_memory document).",
        MimeType = MarkdownMimeType,
    };

    public static async ValueTask<ReadResourceResult> ReadAsync(StrataServices services, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var memory = await services.Memory.RenderAsync(userId, null, cancellationToken);
            return new ReadResourceResult { Contents = [new TextResourceContents { Uri = Uri, MimeType = MarkdownMimeType, Text = memory.Markdown }] };
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}", McpErrorCode.InvalidParams);
        }
    }
}
