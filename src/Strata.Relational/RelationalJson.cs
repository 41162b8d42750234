using System.Text.Json.Serialization;

namespace Strata.Relational;

/// <summary>The JSON the stores pass as one parameter for a batch of values.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string[][]))]
internal sealed partial class RelationalJson : JsonSerializerContext;
