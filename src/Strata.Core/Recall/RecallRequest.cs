namespace Strata.Core.Recall;

/// <summary>A question to recall, as CLI, REST and MCP give it.</summary>
/// <param name="K">How many results (1-100, default 10).</param>
/// <param name="Kinds">Which layers: message, block, entity, relation, observation (default message, block, entity, relation).</param>
/// <param name="Project">Only the documents and messages of this project (its id or name).</param>
/// <param name="From">Only messages at or after this time (blocks and entities have no time and are left out).</param>
/// <param name="To">Only messages before this time.</param>
/// <param name="AsOf">Answer as things stood then: messages said after it are left out, and a time the question names
/// ("last spring", "two weeks ago") is read from it rather than from now.</param>
/// <param name="TokenBudget">Tokens the context string may use (50-100000, default 2000; a token is four characters).</param>
public sealed record RecallRequest(
    string Query,
    int? K = null,
    IReadOnlyList<string>? Kinds = null,
    string? Project = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    DateTimeOffset? AsOf = null,
    int? TokenBudget = null);
