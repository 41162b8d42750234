using System.Text.Json.Serialization;

namespace Strata.Cli.Output;

/// <summary>What <c>strata migrate --json</c> prints: one line per store it prepared.</summary>
internal sealed record MigrateResult(IReadOnlyList<string> Steps);

/// <summary>What <c>strata worker --once --json</c> prints.</summary>
internal sealed record WorkerResult(int JobsRun);

/// <summary>What <c>strata metrics --json</c> prints: the Prometheus samples as records.</summary>
internal sealed record MetricsResult(IReadOnlyList<MetricSample> Samples);

internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>What <c>strata ingest FOLDER --json</c> notes on stderr for an entry it leaves out.</summary>
internal sealed record SkippedEntry(SkippedBody Skipped);

internal sealed record SkippedBody(string Path, string Reason);

/// <summary>Source-generated JSON for the results only the CLI prints, named as the wire records are.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(MigrateResult))]
[JsonSerializable(typeof(WorkerResult))]
[JsonSerializable(typeof(MetricsResult))]
[JsonSerializable(typeof(SkippedEntry))]
internal sealed partial class CliJson : JsonSerializerContext;
