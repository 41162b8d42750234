using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Exports.Agents;

namespace Strata.Server.Mcp;

/// <summary>
/// The links the <c>export</c> tool gives (<c>strata://exports/…</c>), read for the session's user: the export is written
/// again for them, so another user's document in a link answers as a missing one does (resource not found).
/// </summary>
internal static class ExportResources
{
    public const string Prefix = AgentExportService.UriPrefix;

    public static async ValueTask<ReadResourceResult> ReadAsync(StrataServices services, string userId, string uri, CancellationToken cancellationToken)
    {
        try
        {
            var content = await services.AgentExports.ReadAsync(userId, uri, cancellationToken);
            ResourceContents contents = content.Text is { } text
                ? new TextResourceContents { Uri = uri, MimeType = content.MediaType, Text = text }
                : BlobResourceContents.FromBytes(content.Blob!, uri, content.MediaType);
            return new ReadResourceResult { Contents = [contents] };
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}",
                failure.Code.EndsWith("_NOT_FOUND", StringComparison.Ordinal) ? McpErrorCode.ResourceNotFound : McpErrorCode.InvalidParams);
        }
    }
}
