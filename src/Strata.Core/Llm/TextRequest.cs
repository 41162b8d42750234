namespace Strata.Core.Llm;

/// <summary>
/// A call for model-written text (MEMORY.md's summary and profile sections): the model answers the named string
/// <paramref name="Fields"/> about <paramref name="Input"/>, through the same structured call as extraction (forced tool
/// use or json_schema), so a fenced or wrapped answer is parsed by the same tolerant reader.
/// </summary>
/// <param name="Purpose">What the text is for, recorded with the call's usage (<c>memory.summary</c>...).</param>
public sealed record TextRequest(string Purpose, string Instructions, string Input, IReadOnlyList<string> Fields, int MaxTokens);

/// <summary>The model's answer: every asked-for field that came back as text, and the model that wrote it.</summary>
public sealed record GeneratedText(IReadOnlyDictionary<string, string> Fields, string Model);
