using System.Text;
using Strata.Core.Errors;
using Strata.Core.Exports.Memory;
using Strata.Core.Exports.Neo4j;

namespace Strata.Core.Exports.Agents;

/// <summary>
/// <c>export</c> over MCP: the exports of <c>strata export …</c> for an agent. A text export of at most
/// <see cref="InlineLimitBytes"/> comes back inline; a larger one, or a binary one (Parquet, a ZIP), comes back as a
/// link <c>strata://exports/{kind}?…</c> that holds only the request — never a stored file, never a user — so reading it
/// writes the export again for whoever reads it, under their own scope: another user's document in a link answers as a
/// missing one. Reads only. The probe for "does it fit inline" holds at most the cap: the export is stopped as soon as it
/// passes it. A link read is one MCP message, so it is capped too (<see cref="ResourceLimitBytes"/>,
/// <c>EXPORT_TOO_LARGE</c> beyond, naming the streamed REST download that has no cap).
/// </summary>
public sealed class AgentExportService(StrataServices services)
{
    public const long InlineLimitBytes = 32 * 1024;
    public const long ResourceLimitBytes = 32L * 1024 * 1024;
    public const string UriPrefix = "strata://exports/";

    public static readonly IReadOnlyList<string> Kinds = ["entities", "document", "project", "memory", "neo4j"];

    public async Task<AgentExport> ExportAsync(string userId, AgentExportRequest request, CancellationToken cancellationToken)
    {
        var (kind, download) = await OpenAsync(userId, request, cancellationToken);
        var checkedRequest = request with { Kind = kind };
        var uri = UriOf(checkedRequest);
        var path = DownloadPathOf(checkedRequest);
        if (IsText(download.MediaType))
        {
            var probe = new CappedBuffer(InlineLimitBytes);
            try
            {
                await download.WriteToAsync(probe, null, cancellationToken);
                return new AgentExport(kind, download.FileName, download.MediaType, true, probe.Length, InlineLimitBytes,
                    Encoding.UTF8.GetString(probe.ToArray()), null, path);
            }
            catch (CappedBuffer.Overflow)
            {
                // Larger than the cap: the agent gets the link instead.
            }
        }
        return new AgentExport(kind, download.FileName, download.MediaType, false, null, InlineLimitBytes, null, uri, path);
    }

    /// <summary>Reads a link <see cref="ExportAsync"/> gave, for the reading user.</summary>
    public async Task<AgentExportContent> ReadAsync(string userId, string uri, CancellationToken cancellationToken)
    {
        var request = Parse(uri);
        var (_, download) = await OpenAsync(userId, request, cancellationToken);
        var buffer = new CappedBuffer(ResourceLimitBytes);
        try
        {
            await download.WriteToAsync(buffer, null, cancellationToken);
        }
        catch (CappedBuffer.Overflow)
        {
            throw new StrataException(ErrorCodes.ExportTooLarge,
                $"The export is larger than {ResourceLimitBytes / (1024 * 1024)} MB, too large for one MCP message: download it streamed from "
                + $"GET {DownloadPathOf(request)} or with strata export.");
        }
        var bytes = buffer.ToArray();
        return IsText(download.MediaType)
            ? new AgentExportContent(download.FileName, download.MediaType, Encoding.UTF8.GetString(bytes), null)
            : new AgentExportContent(download.FileName, download.MediaType, null, bytes);
    }

    /// <summary>The request checked and the export opened: a refusal (an unknown kind or format, a missing document) comes here.</summary>
    private async Task<(string Kind, ExportDownload Download)> OpenAsync(string userId, AgentExportRequest request, CancellationToken cancellationToken)
    {
        var kind = request.Kind.Trim().ToLowerInvariant();
        var download = kind switch
        {
            "entities" => await services.EntityExports.ExportAsync(userId, new EntityExportRequest(request.Format, request.EntityType), cancellationToken),
            "document" => await services.DocumentExports.ExportDocumentAsync(userId, Required(request.Target, "document_id"), request.Format, cancellationToken),
            "project" => string.Equals(request.Format, DatasetExportService.FormatName, StringComparison.OrdinalIgnoreCase)
                ? await services.DatasetExports.ExportAsync(userId, Required(request.Target, "project"), cancellationToken)
                : await services.DocumentExports.ExportProjectAsync(userId, Required(request.Target, "project"), request.Format, cancellationToken),
            "memory" => await services.MemoryExports.ExportAsync(userId, new MemoryExportRequest(request.Format, request.EntityType), cancellationToken),
            "neo4j" => await services.CypherExports.ExportAsync(userId, request.Format, request.EntityType, cancellationToken),
            _ => throw StrataException.Validation($"Unknown export '{request.Kind}': use one of {string.Join(", ", Kinds)}."),
        };
        return (kind, download);
    }

    private static string Required(string? target, string name) =>
        string.IsNullOrWhiteSpace(target) ? throw StrataException.Validation($"This export needs {name}.") : target.Trim();

    private static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.StartsWith("application/json", StringComparison.Ordinal)
        || mediaType.StartsWith("application/jsonl", StringComparison.Ordinal) || mediaType.StartsWith("application/x-cypher-query", StringComparison.Ordinal);

    private static string UriOf(AgentExportRequest request) => UriPrefix + request.Kind + Query(("format", request.Format),
        ("entity_type", request.EntityType), ("target", request.Target));

    private static string DownloadPathOf(AgentExportRequest request) => request.Kind switch
    {
        "document" => "/v1/exports/documents/" + Uri.EscapeDataString(request.Target ?? "") + Query(("format", request.Format)),
        "project" => "/v1/exports/projects/" + Uri.EscapeDataString(request.Target ?? "") + Query(("format", request.Format)),
        _ => "/v1/exports/" + request.Kind + Query(("format", request.Format), ("entity_type", request.EntityType)),
    };

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!.Trim())).ToList();
        return present.Count == 0 ? "" : "?" + string.Join("&", present);
    }

    private static AgentExportRequest Parse(string uri)
    {
        if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            throw new StrataException(ErrorCodes.ExportNotFound, $"Unknown export link '{uri}': export links look like {UriPrefix}<kind>?format=….");
        }
        var rest = uri[UriPrefix.Length..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var kind = question < 0 ? rest : rest[..question];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0) values[pair[..equals]] = Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }
        if (!Kinds.Contains(kind))
        {
            throw new StrataException(ErrorCodes.ExportNotFound, $"Unknown export link '{uri}': the kinds are {string.Join(", ", Kinds)}.");
        }
        return new AgentExportRequest(kind, values.GetValueOrDefault("format"), values.GetValueOrDefault("entity_type"), values.GetValueOrDefault("target"));
    }
}
