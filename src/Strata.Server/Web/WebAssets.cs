using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Strata.Server.Web;

/// <summary>The page's stylesheet and scripts, embedded in the assembly at build time (Web/Assets): no CDN, no npm and no
/// file outside the binary at run time.</summary>
internal static class WebAssets
{
    public const string Prefix = "/assets";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static async Task ServeAsync(HttpContext context)
    {
        var name = Convert.ToString(context.Request.RouteValues["name"], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (!Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = file.Type;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        const string root = "Strata.Server.Web.Assets.";
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(root, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[root.Length..];
            files[name] = (copy.ToArray(), TypeOf(name));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
