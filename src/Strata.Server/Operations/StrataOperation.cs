using System.Text.Json.Serialization.Metadata;
using Strata.Core;

namespace Strata.Server.Operations;

/// <summary>
/// One operation as the network sees it: its name, what it does, its arguments, what it does to the store and its REST
/// route. REST endpoints and MCP tools are both bound to these, so they parse the same fields, call the same service and
/// write the same result record (<see cref="Result"/> is its wire type, which also yields its JSON Schema). A new
/// operation is this one declaration (plus its service method) and one line in <see cref="OperationCatalog"/>.
/// </summary>
public sealed record StrataOperation(
    string Name,
    string Title,
    string Description,
    OperationTraits Traits,
    IReadOnlyList<Parameter> Parameters,
    Func<JsonTypeInfo> ResultType,
    Func<OperationCall, CancellationToken, Task<OperationResult>> InvokeAsync)
{
    /// <summary>The result record's wire type. Declared as a function and read when first needed: reading a serializer
    /// context's type builds its metadata, and `strata mcp` builds the whole catalog before it answers
    /// <c>initialize</c> (the server's instructions list every tool), where building a hundred result types took about
    /// a third of the time to the answer (docs/benchmarks.md, "Issue 32 (stop 60)").</summary>
    public JsonTypeInfo Result => ResultType();

    /// <summary>Whether a result can report something new (REST answers 201 Created then).</summary>
    public bool AnswersCreated { get; init; }

    /// <summary>Its REST endpoint under /v1; null when REST reaches it otherwise (an upload) or not at all.</summary>
    public HttpRoute? Route { get; init; }

    /// <summary>Whether MCP clients are offered it as a tool; a few REST reads duplicate what a tool already answers.</summary>
    public bool IsTool { get; init; } = true;
}

/// <summary>One call: the services, the acting user (always from the credential), and the checked arguments.</summary>
public sealed record OperationCall(StrataServices Services, string UserId, Arguments Arguments);
