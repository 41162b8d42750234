using System.Text.Json.Serialization;

namespace Strata.Bench.Harness;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
