namespace Strata.Core.Imports;

/// <summary>The queries of <see cref="IChatImportStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IChatImportReader
{
    Task<ChatImport?> GetAsync(string importId, CancellationToken cancellationToken);

    /// <summary>The user's imports, newest first.</summary>
    Task<Page<ChatImport>> ListAsync(Paging paging, CancellationToken cancellationToken);

    /// <summary>The user's imports still <c>processing</c> whose lease lapsed before <paramref name="now"/> (or that never had one).</summary>
    Task<IReadOnlyList<ChatImport>> ListLapsedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The import's conversations whose full pass is in <paramref name="passStatus"/> (any when null), richest first.</summary>
    Task<IReadOnlyList<ImportedConversation>> ListConversationsAsync(string importId, string? passStatus, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChatEvidence>> ListEvidenceAsync(string observationId, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="observationIds"/>, the (observation, field) pairs whose evidence quote was not found in its message.</summary>
    Task<IReadOnlyList<(string ObservationId, string Field)>> ListUnfoundEvidenceAsync(IReadOnlyList<string> observationIds, CancellationToken cancellationToken);

    /// <summary>The user's generated MEMORY.md sections, whatever their status.</summary>
    Task<IReadOnlyList<Memory.Sections.GeneratedSection>> ListGeneratedAsync(CancellationToken cancellationToken);
}

/// <summary>Chat imports, their conversations and where each fact was said, inside the caller's transaction and user.</summary>
public interface IChatImportStore : IChatImportReader
{
    Task InsertAsync(ChatImport import, CancellationToken cancellationToken);

    /// <summary>Writes the import's status, counts, profile, error and lease (cleared once it no longer processes).</summary>
    Task UpdateAsync(ChatImport import, CancellationToken cancellationToken);

    /// <summary>Extends a processing import's lease to <paramref name="until"/>; false when it no longer processes.</summary>
    Task<bool> RenewLeaseAsync(string importId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Ends a lapsed import failed with <paramref name="error"/>, fenced on it still being processing with its lease
    /// lapsed before <paramref name="now"/>; false when its reader renewed or ended it meanwhile.</summary>
    Task<bool> FailLapsedAsync(string importId, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records conversations of an import (a few multi-row statements for a batch); one already recorded at its
    /// position is replaced.</summary>
    Task UpsertConversationsAsync(IReadOnlyList<ImportedConversation> conversations, CancellationToken cancellationToken);

    /// <summary>Records how the full pass ended for one conversation.</summary>
    Task FinishPassAsync(string importId, int position, string runId, string passStatus, int facts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks done, with the earlier run, each pending conversation of the import whose source an earlier import's full
    /// pass already read (the same bytes: the same facts), and counts them passed; returns how many.</summary>
    Task<int> CarryDonePassesAsync(string importId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every conversation of the import whose pass failed goes back to pending; returns how many.</summary>
    Task<int> ReopenFailedAsync(string importId, CancellationToken cancellationToken);

    Task InsertEvidenceAsync(IReadOnlyList<ChatEvidence> evidence, CancellationToken cancellationToken);

    /// <summary>Replaces the user's generated MEMORY.md sections named in <paramref name="sections"/>.</summary>
    Task SaveGeneratedAsync(IReadOnlyList<Memory.Sections.GeneratedSection> sections, CancellationToken cancellationToken);
}

/// <summary>Where a fact's quote was said: the message (its block uid and id) and the characters within the message's
/// text. A quote found nowhere keeps <see cref="Found"/> false and no offsets.</summary>
public sealed record ChatEvidence(
    string ObservationId,
    string Field,
    string ImportId,
    string SourceId,
    int MessageIndex,
    string MessageId,
    string BlockUid,
    bool Found,
    int? Start,
    int? Length,
    string Quote);
