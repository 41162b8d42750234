namespace Strata.Core.Schemas;

/// <summary>A schema's LLM prompt config. <paramref name="Model"/> (<c>provider/model</c>) is the second link of the
/// model priority chain: an LLM run for the schema's type takes it unless the request names a model.</summary>
public sealed record SchemaPrompt(string? Model = null);
