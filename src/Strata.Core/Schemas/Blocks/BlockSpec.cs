using System.Text.Json;

namespace Strata.Core.Schemas;

/// <summary>What makes a schema a block schema: its fields as JSON Schema properties (kept as given, sent to the model)
/// and how the model is asked.</summary>
/// <param name="RevisionField">The declared string field whose confirmed value replaces the block's text when the document
/// is reconstructed; left out of the stored JSON when not declared, so earlier schemas keep their uid.</param>
public sealed record BlockSpec(JsonElement Properties, IReadOnlyList<string>? Required, PromptConfig PromptConfig,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? RevisionField = null);

/// <summary>How a block schema asks the model.</summary>
/// <param name="System">System instructions.</param>
/// <param name="BlockPrompt">Said before the blocks of each call.</param>
/// <param name="Model">provider/model; null takes the user's default, then the server's.</param>
/// <param name="MaxTokensPerBlock">Output tokens one block's answer may take; a call's budget is this times its blocks.</param>
/// <param name="MaxBlocksPerCall">The most blocks one call carries (the packs adapt below it when answers fail).</param>
public sealed record PromptConfig(
    string? System = null,
    string? BlockPrompt = null,
    string? Model = null,
    double? Temperature = null,
    int? MaxTokensPerBlock = null,
    int? MaxBlocksPerCall = null)
{
    public const int DefaultMaxTokensPerBlock = 512;
    public const int DefaultMaxBlocksPerCall = 10;
    public const int MaxBlocksPerCallLimit = 200;

    public int EffectiveMaxTokensPerBlock => MaxTokensPerBlock ?? DefaultMaxTokensPerBlock;

    public int EffectiveMaxBlocksPerCall => MaxBlocksPerCall ?? DefaultMaxBlocksPerCall;
}
