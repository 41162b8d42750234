using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Server.Auth;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>The thin part of REST: arguments from path and query or body → the operation → its result record.</summary>
internal static class OperationEndpoint
{
    public static RequestDelegate For(RestRoute route) => async context =>
    {
        var ct = context.RequestAborted;
        var text = route.PathParameters
            .Select(name => KeyValuePair.Create(name, Convert.ToString(context.Request.RouteValues[name], System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .ToList();
        IEnumerable<KeyValuePair<string, JsonElement>> json = [];
        if (route.Source == ArgumentSource.Query)
        {
            text.AddRange(QueryText.Of(context.Request.Query));
        }
        else if (await JsonBody.ReadObjectAsync(context.Request, ct) is { } body)
        {
            json = route.Http.ShapeBody is null ? body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)) : route.Http.ShapeBody(body);
        }
        var arguments = Arguments.Parse(route.Operation.Parameters, json.ToList(), text);
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var result = await route.Operation.InvokeAsync(new OperationCall(services, context.Caller().UserId, arguments), ct);
        await ResultWriter.WriteAsync(context, result, result.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    };
}
