using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Strata.Core;
using Strata.Core.Users;
using Strata.Server.Operations;

namespace Strata.Server.Web;

/// <summary>
/// A request of a signed-in page. Everything it reads or changes goes through the operation catalogue, as REST and MCP
/// do: the same arguments checked the same way, the same service, the same result record and error codes. The page
/// has no store access of its own.
/// </summary>
internal sealed record PageRequest(HttpContext Http, WebSession Session, StrataServices Services)
{
    private static readonly FrozenDictionary<string, StrataOperation> Operations =
        OperationCatalog.All(localFiles: null).ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    public string UserId => Session.User.Id;

    public string Route(string name) => Convert.ToString(Http.Request.RouteValues[name], System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Calls the named operation as the session's user; arguments with a null value are left out.</summary>
    public Task<OperationResult> CallAsync(string operation, params (string Name, string? Value)[] arguments) =>
        CallAsync(operation, arguments, []);

    public async Task<OperationResult> CallAsync(string operation, IEnumerable<(string Name, string? Value)> text,
        IEnumerable<KeyValuePair<string, JsonElement>> json)
    {
        var declared = Operations[operation];
        var parsed = Arguments.Parse(declared.Parameters, json.ToList(),
            text.Where(a => a.Value is not null).Select(a => KeyValuePair.Create(a.Name, a.Value!)).ToList());
        return await declared.InvokeAsync(new OperationCall(Services, UserId, parsed), Http.RequestAborted);
    }

    public async Task<T> GetAsync<T>(string operation, params (string Name, string? Value)[] arguments) =>
        (T)(await CallAsync(operation, arguments)).Value;
}
