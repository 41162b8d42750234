namespace Strata.Core.Imports;

/// <summary>Settings of chat imports (<c>ChatImport:…</c>).</summary>
public sealed record ChatImportOptions
{
    /// <summary>Conversations written per transaction while an export is read (each commit is the progress others see).</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Conversations whose full pass runs at once.</summary>
    public int FullPassConcurrency { get; init; } = 4;

    /// <summary>The percentage of users (0–100, by a stable hash of the user id) whose imports run the newer pipeline.</summary>
    public int NewerPipelinePercent { get; init; }

    /// <summary>How long the process reading an export holds its import without renewing it (it renews every third of it).
    /// An import left <c>processing</c> past it was abandoned by a process that died, and the next command ends it failed.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most conversations (with messages) one import stores: each is a source, a document and a conversion
    /// job, so this bounds what one upload creates. The export's conversations past it end the import <c>FILE_TOO_LARGE</c>.</summary>
    public int MaxConversations { get; init; } = 100_000;

    /// <summary>Topics kept in the history profile.</summary>
    public int ProfileTopics { get; init; } = 20;

    /// <summary>The bounds of the model-written summary of MEMORY.md (<c>ChatImport:Summary:DepthCap</c>, <c>BatchCap</c>,
    /// <c>BreakerFailures</c>, <c>TimeoutSeconds</c>); the same timeout bounds the profile sections' call.</summary>
    public Memory.Sections.ReductionLimits Summary { get; init; } = Memory.Sections.ReductionLimits.Default;
}

/// <summary>
/// The import pipeline's versions. <see cref="Current"/> cuts each conversation into medium chunks (about 2,000 tokens)
/// for the full pass; <see cref="Newer"/> into macro chunks (about 5,000 tokens), fewer and larger calls. A user's
/// version is chosen by a stable hash of the user id, so a user stays on one side while the percentage holds.
/// </summary>
public static class ChatPipelines
{
    public const string Current = "chat-1";
    public const string Newer = "chat-2";

    public static string For(string userId, int newerPercent) =>
        Bucket(userId) < Math.Clamp(newerPercent, 0, 100) ? Newer : Current;

    /// <summary>0–99 from the user id's SHA-256: the same every time and on every host.</summary>
    public static int Bucket(string userId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("chat-pipeline:" + userId));
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % 100);
    }
}
