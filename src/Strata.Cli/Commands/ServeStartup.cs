using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Strata.Core.Configuration;
using Strata.Core.Errors;
using Strata.Server.Auth.OAuth;
using Strata.Server.Monitoring;
using Strata.Sqlite;

namespace Strata.Cli.Commands;

/// <summary>How <c>strata serve</c> starts: logs on standard error, and a start that fails is one clear error line (or JSON
/// with --json) and a non-zero exit, not the host's stack trace.</summary>
internal static class ServeStartup
{
    /// <summary>Log lines go to standard error, so standard output carries only what serve prints itself. The host's own
    /// "failed to start" record (a stack trace) is left out: <see cref="StartAsync"/> reports that failure as one line.
    /// A crashed background service is still logged, at Critical.</summary>
    public static void Logging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console => console.SingleLine = true);
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    public static async Task StartAsync(WebApplication app, string urls, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException failure) when (failure.InnerException is AddressInUseException)
        {
            throw new StrataException(ErrorCodes.ListenFailed,
                $"Cannot listen on {urls}: the address is already in use (another strata serve?). Stop that process or choose another address with --urls.");
        }
        catch (IOException failure)
        {
            throw new StrataException(ErrorCodes.ListenFailed, $"Cannot listen on {urls}: {failure.Message}");
        }
        catch (Exception failure) when (failure is InvalidOperationException or FormatException or UriFormatException)
        {
            // e.g. --urls that is not a URL Kestrel can bind.
            throw new StrataException(ErrorCodes.ListenFailed, $"Cannot listen on {urls}: {failure.Message}");
        }
    }

    /// <summary>"https://a.example, https://b.example" → the origins, without blanks.</summary>
    public static IReadOnlyList<string> Origins(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The OAuth settings of strata.json and <c>STRATA_OAuth__…</c>, checked before the server starts listening.</summary>
    public static OAuthSettings? OAuth(string dataDirectory)
    {
        try
        {
            return OAuthSettings.Read(EmbeddedStrata.LoadConfiguration(dataDirectory));
        }
        catch (StrataConfigurationException failure)
        {
            throw StrataException.Validation($"Configuration: {failure.Message}");
        }
    }

    /// <summary>The Tracing settings of strata.json and <c>STRATA_Tracing__…</c>, or OpenTelemetry's own
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null when neither names a collector.</summary>
    public static TracingOptions? Tracing(string dataDirectory)
    {
        try
        {
            return TracingOptions.Read(EmbeddedStrata.LoadConfiguration(dataDirectory), Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
        catch (StrataConfigurationException failure)
        {
            throw StrataException.Validation($"Configuration: {failure.Message}");
        }
    }
}
