namespace Strata.Core.Recall;

/// <summary>One indexed piece of a user's memory: a block of a document (a chat message is a block of its conversation),
/// with its words counted in its text and in the fields around it.</summary>
/// <param name="Kind"><see cref="RecallKinds.Message"/> or <see cref="RecallKinds.Block"/>.</param>
/// <param name="At">The message's time, in Unix seconds, when it has one.</param>
/// <param name="Length">Terms in the text and the fields: BM25's document length.</param>
/// <param name="Terms">Per term, its count in the text and in the fields (speaker, title, heading path, date words).</param>
public sealed record RecallUnit(
    string DocumentId,
    int BlockIndex,
    string Kind,
    long? At,
    int Length,
    IReadOnlyDictionary<string, TermCount> Terms);

public readonly record struct TermCount(int Text, int Meta);

public static class RecallKinds
{
    public const string Message = "message";
    public const string Block = "block";
    public const string Entity = "entity";
    public const string Observation = "observation";
    public const string Relation = "relation";

    public static readonly IReadOnlyList<string> All = [Message, Block, Entity, Observation, Relation];

    /// <summary>What a question searches when it names no kinds: every layer that is searched today.</summary>
    public static readonly IReadOnlyList<string> Default = [Message, Block, Entity, Relation];
}
