using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Server.Operations;

namespace Strata.Server.Mcp;

/// <summary>
/// Runs a tool call as one user. A rejected operation is a tool result with <c>isError: true</c> and structured
/// content <c>{code, message}</c>, so the agent can read the reason and act on it; only an unknown tool name is a
/// protocol error.
/// </summary>
internal sealed class ToolCalls(StrataServices services, string userId, IReadOnlyList<StrataOperation> tools, ILogger logger)
{
    private readonly Dictionary<string, StrataOperation> _byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public async ValueTask<CallToolResult> CallAsync(CallToolRequestParams? request, CancellationToken cancellationToken)
    {
        var name = request?.Name ?? "";
        if (!_byName.TryGetValue(name, out var operation))
        {
            throw new McpProtocolException($"Unknown tool '{name}'. Tools: {string.Join(", ", _byName.Keys)}.", McpErrorCode.InvalidParams);
        }
        try
        {
            var arguments = Arguments.Parse(operation.Parameters, request!.Arguments?.ToList() ?? [], []);
            var result = await operation.InvokeAsync(new OperationCall(services, userId, arguments), cancellationToken);
            return Answer(result);
        }
        catch (StrataException failure)
        {
            return Error(failure.Code, failure.Message);
        }
        catch (Exception failure) when (StoreBusy.Is(failure))
        {
            return Error(ErrorCodes.StoreBusy, StoreBusy.Error(failure).Message);
        }
        catch (Exception failure) when (StorageFull.Is(failure))
        {
            McpLog.ToolFailed(logger, failure, name);
            return Error(ErrorCodes.StorageFull, StorageFull.Error(failure).Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            McpLog.ToolFailed(logger, failure, name);
            return Error(ErrorCodes.InternalError, "The tool failed unexpectedly; the failure was logged.");
        }
    }

    /// <summary>A tool's answer: the result as text and as structured content, from one serialisation.</summary>
    public static CallToolResult Answer(OperationResult result)
    {
        var (json, element) = result.ToJsonAndElement();
        List<ContentBlock> content = [new TextContentBlock { Text = json }];
        if (result.Link is { } link)
        {
            content.Add(new ResourceLinkBlock { Uri = link.Uri, Name = link.Name, MimeType = link.MimeType });
        }
        return new CallToolResult { Content = content, StructuredContent = element };
    }

    public static CallToolResult Error(string code, string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"{code}: {message}" }],
        StructuredContent = JsonSerializer.SerializeToElement(new ErrorBody(code, message), StrataJson.Wire.ErrorBody),
    };
}
