using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Strata.Core.Configuration;

namespace Strata.Server.Monitoring;

/// <summary>
/// Where traces go (the <c>Tracing</c> section: <c>OtlpEndpoint</c>, <c>OtlpProtocol</c> = <c>grpc</c> or
/// <c>http/protobuf</c>, <c>ServiceName</c>). Tracing is on when an endpoint is set there or in OpenTelemetry's own
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; off (null), no span is made at all.
/// </summary>
public sealed record TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>Export over OTLP (to <see cref="OtlpEndpoint"/>, or where OpenTelemetry's variables say when it is null).</summary>
    public bool ExportOtlp { get; init; }

    public Uri? OtlpEndpoint { get; init; }

    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    public string ServiceName { get; init; } = "strata";

    /// <summary>More processors or exporters (the tests add one that keeps the spans in memory).</summary>
    public Action<TracerProviderBuilder>? Configure { get; init; }

    public static TracingOptions? Read(IConfiguration configuration, string? standardEndpoint)
    {
        var section = configuration.GetSection(Section);
        var endpointText = section["OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpointText))
        {
            // OpenTelemetry's own variable: the exporter reads it (and its protocol variable) itself.
            return string.IsNullOrWhiteSpace(standardEndpoint) ? null : new TracingOptions { ExportOtlp = true, ServiceName = section["ServiceName"] ?? "strata" };
        }
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new StrataConfigurationException($"Tracing:OtlpEndpoint must be an http(s) URL such as http://collector:4317 (got '{endpointText}').");
        }
        var protocol = section["OtlpProtocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new StrataConfigurationException($"Tracing:OtlpProtocol must be grpc or http/protobuf (got '{other}')."),
        };
        return new TracingOptions { ExportOtlp = true, OtlpEndpoint = endpoint, OtlpProtocol = protocol, ServiceName = section["ServiceName"] ?? "strata" };
    }
}
