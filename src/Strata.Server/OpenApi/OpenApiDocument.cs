using System.Text.Json.Nodes;
using Strata.Core.Metrics;
using Strata.Core.Operations;
using Strata.Server.Http;
using Strata.Server.Mcp;
using Strata.Server.Monitoring;
using Strata.Server.Operations;
using Strata.Server.Rest;

namespace Strata.Server.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of the REST API, built from the same route table, parameter declarations and result
/// type infos the endpoints run on, so it cannot drift from what the server does.
/// </summary>
public static class OpenApiDocument
{
    public const string Path = "/openapi.json";

    public static string Json { get; } = Build().ToJsonString();

    public static JsonObject Build()
    {
        var paths = new JsonObject();
        foreach (var route in RestApi.Routes)
        {
            PathItem(paths, route.Pattern)[route.Method.ToLowerInvariant()] = Operation(route);
        }
        PathItem(paths, RestApi.SourcesPath)["post"] = Upload();
        PathItem(paths, ArchiveEndpoints.Path)["get"] = ArchiveDownload();
        PathItem(paths, ArchiveEndpoints.Path)["post"] = ArchiveUpload();
        foreach (var export in ExportDownloads.Routes)
        {
            PathItem(paths, export.Path)["get"] = ExportDownload(export);
        }
        PathItem(paths, MonitoringEndpoints.HealthPath)["get"] = Health();
        PathItem(paths, MonitoringEndpoints.MetricsPath)["get"] = Metrics();
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Strata",
                ["version"] = StrataMcpServer.Version,
                ["description"] = "Sources-first memory and document extraction. Every response body is the same record the CLI prints "
                    + "with --json and the MCP tool of the same name returns. Errors are application/problem+json with a stable 'code'. "
                    + "MCP (streamable HTTP) is served at /mcp with the same bearer key.",
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "An API key from 'strata users create NAME'.",
                    },
                },
            },
        };
    }

    private static JsonObject PathItem(JsonObject paths, string pattern)
    {
        if (paths[pattern] is JsonObject existing) return existing;
        var item = new JsonObject();
        paths[pattern] = item;
        return item;
    }

    private static JsonObject Operation(RestRoute route)
    {
        var operation = route.Operation;
        var parameters = new JsonArray();
        foreach (var parameter in operation.Parameters)
        {
            var inPath = route.PathParameters.Contains(parameter.Name);
            if (inPath || route.Source == ArgumentSource.Query)
            {
                parameters.Add(Parameter(parameter, inPath ? "path" : "query"));
            }
        }
        var item = new JsonObject
        {
            ["operationId"] = operation.Name,
            ["summary"] = operation.Title,
            ["description"] = operation.Description,
            ["parameters"] = parameters,
        };
        if (route.Source == ArgumentSource.Body)
        {
            var bodyFields = operation.Parameters.Where(p => !route.PathParameters.Contains(p.Name)).ToList();
            item["requestBody"] = new JsonObject
            {
                ["required"] = bodyFields.Any(p => p.Required),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ParameterSchema.ForObject(bodyFields) } },
            };
        }
        item["responses"] = Responses(ResultSchema.For(operation.Result), operation.AnswersCreated ? "201" : null);
        return item;
    }

    private static JsonObject Upload() => new()
    {
        ["operationId"] = "ingest",
        ["summary"] = "Ingest a file",
        ["description"] = "The file as the raw request body (its Content-Type is the media type unless mime_type is given), or as the "
            + "part named 'file' of a multipart/form-data body, with any fields before it. Answers 201 with Location for a new "
            + "source, 200 when the same bytes were already stored. With wait=false it answers as soon as the run is queued "
            + "(interpretation.status pending); the server's workers interpret it.",
        ["parameters"] = new JsonArray(
            Parameter(SourceOperations.FileName, "query"), Parameter(SourceOperations.MimeType, "query"),
            Parameter(SourceOperations.EntityType, "query"), Parameter(SourceOperations.Interpret, "query"),
            Parameter(SourceOperations.Wait, "query")),
        ["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/octet-stream"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
                ["multipart/form-data"] = new JsonObject
                {
                    ["schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["file"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
                        ["required"] = new JsonArray("file"),
                    },
                },
            },
        },
        ["responses"] = Responses(ResultSchema.For(StrataJson.Wire.IngestResult), "201"),
    };

    private static JsonObject ArchiveDownload() => new()
    {
        ["operationId"] = "export_archive",
        ["summary"] = "Everything the caller has, as one portable archive (docs/archive.md)",
        ["description"] = "A ZIP streamed as it is written: a JSONL entry per table, each source's bytes, and manifest.json with "
            + "each entry's SHA-256. A failure after the download started cuts it short; import refuses a cut archive.",
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "The archive.",
                ["content"] = new JsonObject { ["application/zip"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
            },
        },
    };

    /// <summary>A streamed file: its path parameters, its query parameters, and the file (or a refusal) as the answer.</summary>
    private static JsonObject ExportDownload(ExportRoute export)
    {
        var parameters = new JsonArray();
        foreach (var name in export.Path.Split('/').Where(p => p.StartsWith('{')).Select(p => p.Trim('{', '}')))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }
        foreach (var query in export.Query)
        {
            var schema = new JsonObject { ["type"] = "string" };
            if (query.Values is not null) schema["enum"] = new JsonArray(query.Values.Select(v => (JsonNode)v).ToArray());
            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = schema });
        }
        var content = new JsonObject();
        foreach (var mediaType in export.MediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } };
        }
        var responses = Responses(null, null);
        responses["200"] = new JsonObject { ["description"] = "The file, streamed as it is written (Content-Disposition names it).", ["content"] = content };
        return new JsonObject
        {
            ["operationId"] = export.OperationId,
            ["summary"] = export.Summary,
            ["description"] = "A refusal (an unknown format, a missing document or project: another user's answers as a missing one) comes before the first byte.",
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
    }

    private static JsonObject ArchiveUpload() => new()
    {
        ["operationId"] = "import_archive",
        ["summary"] = "Load an archive of the caller's own data (checked whole first, then one transaction)",
        ["description"] = "The archive as the raw request body. on_conflict: skip (default) keeps rows already there, fail refuses "
            + "the whole import (ARCHIVE_CONFLICT). ARCHIVE_INVALID for a cut or altered archive, ARCHIVE_USER_MISMATCH for another user's.",
        ["parameters"] = new JsonArray(new JsonObject
        {
            ["name"] = "on_conflict",
            ["in"] = "query",
            ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("skip", "fail") },
        }),
        ["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { ["application/zip"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
        },
        ["responses"] = Responses(ResultSchema.For(StrataJson.Wire.ArchiveImportResult), "200"),
    };

    private static JsonObject Health() => new()
    {
        ["operationId"] = "health",
        ["summary"] = "Health of the database, the blob store and the worker loops (no key needed)",
        ["description"] = "status is ok, degraded (still serving, with a problem such as a worker loop backing off) or down. "
            + "Each check names what it looked at: database, blob_store, and one entry per worker in this process.",
        ["security"] = new JsonArray(),
        ["responses"] = new JsonObject
        {
            ["200"] = Response("ok or degraded.", ResultSchema.For(ServerJson.Wire.HealthBody)),
            ["503"] = Response("down: at least one check failed.", ResultSchema.For(ServerJson.Wire.HealthBody)),
        },
    };

    private static JsonObject Metrics() => new()
    {
        ["operationId"] = "metrics",
        ["summary"] = "Metrics in the Prometheus text format (no key needed)",
        ["description"] = "Queue depth, uploads, interpretation latency and outcomes, unknown fields, quota rejections, storage bytes, "
            + "potential duplicates, merges and runs: totals over all users, never a user's data.",
        ["security"] = new JsonArray(),
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "The metrics.",
                ["content"] = new JsonObject { [PrometheusText.ContentType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
            },
        },
    };

    private static JsonObject Parameter(Parameter parameter, string location)
    {
        var described = new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = location,
            ["required"] = location == "path" || parameter.Required,
            ["description"] = parameter.Description,
            ["schema"] = ParameterSchema.For(parameter),
        };
        if (parameter.Type == ParameterType.Array && location == "query")
        {
            // A list in a query string is one comma-separated value (document_ids=doc_a,doc_b), as Arguments reads it.
            described["style"] = "form";
            described["explode"] = false;
        }
        return described;
    }

    private static JsonObject Responses(JsonNode? result, string? createdStatus)
    {
        var responses = new JsonObject { ["200"] = Response("The result record.", result) };
        if (createdStatus is not null)
        {
            responses[createdStatus] = Response("The result record, when something new was created.", result?.DeepClone());
        }
        responses["default"] = new JsonObject
        {
            ["description"] = "A refusal: 400 VALIDATION_FAILED, 401 UNAUTHORIZED, 403 STORAGE_QUOTA_EXCEEDED, "
                + "404 *_NOT_FOUND (ENTITY, SOURCE, RUN, SCHEMA, DUPLICATE; another user's id answers as a missing one), 409 ENTITY_ALREADY_MERGED or CONFLICT, 413 FILE_TOO_LARGE, "
                + "415 UNSUPPORTED_MEDIA_TYPE, 422 MALFORMED_CONTENT or EMPTY_FILE, 429 INTERPRETATION_QUOTA_EXCEEDED (Retry-After: when "
                + "the billing month turns), 507 STORAGE_FULL (a full disk; nothing kept), 503 STORE_BUSY (Retry-After: seconds; another writer held the database too long, nothing changed).",
            ["content"] = new JsonObject { [Problems.ContentType] = new JsonObject { ["schema"] = ResultSchema.For(ServerJson.Wire.ProblemBody) } },
        };
        return responses;
    }

    private static JsonObject Response(string description, JsonNode? schema)
    {
        var response = new JsonObject { ["description"] = description };
        if (schema is not null)
        {
            response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } };
        }
        return response;
    }
}
