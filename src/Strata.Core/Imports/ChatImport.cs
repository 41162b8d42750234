namespace Strata.Core.Imports;

/// <summary>One import of a chat export and where it stands. Counts grow as it goes; <see cref="Error"/> holds the last
/// error (at most 500 characters) of a failed import or pass.</summary>
public sealed record ChatImport(
    string Id,
    string UserId,
    string Provider,
    string Status,
    string? FileName,
    string PipelineVersion,
    int ConversationsRead,
    int ConversationsAdded,
    int ConversationsUnchanged,
    int MessagesRead,
    int ConversationsPassed,
    int FactsFound,
    string? ProfileJson,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxErrorLength = 500;

    /// <summary>The source holding the export's <c>projects.json</c> (Claude), when it had one.</summary>
    public string? ProjectsSourceId { get; init; }

    /// <summary>While the import reads its export: until when the process reading it holds it. It renews the lease as it
    /// goes; one found lapsed was left by a process that died (<c>kill -9</c>), and the next command ends it failed.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Conversations read that held no message: counted, never stored (<see cref="ConversationsRead"/> includes them).</summary>
    public int ConversationsEmpty { get; init; }

    public static string Clip(string error) => error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
}

public static class ChatImportStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string QuickReady = "quick_ready";
    public const string Complete = "complete";
    public const string Failed = "failed";
}

public static class ChatProviders
{
    public const string ChatGpt = "chatgpt";
    public const string Claude = "claude";

    /// <summary>A generic message file (JSON Lines, one message a line): Slack or Discord dumps, transcripts, any chat log.</summary>
    public const string Messages = "messages";

    public static string Require(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        ChatGpt or "openai" => ChatGpt,
        Claude or "anthropic" => Claude,
        Messages or "jsonl" => Messages,
        _ => throw Errors.StrataException.Validation($"provider must be 'chatgpt', 'claude' or 'messages' (got '{provider}')."),
    };
}
