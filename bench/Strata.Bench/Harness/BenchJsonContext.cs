using System.Text.Json.Serialization;
using Strata.Bench.Workloads;

namespace Strata.Bench.Harness;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Names))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
