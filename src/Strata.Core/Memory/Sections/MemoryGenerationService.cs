using System.Text;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Llm;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Memory.Sections;

/// <summary>
/// Writes MEMORY.md's model-written parts: the summary, by bounded hierarchical reduction over the memory's lines, and
/// the optional profile sections (communication style, tone, boundaries) from one call over the user's own words in the
/// import's richest conversations. Each part succeeds or fails alone and is stored with its status, error and raw
/// output; nothing here touches a snapshot, so a model that keeps failing leaves MEMORY.md as the snapshots render it.
/// </summary>
public sealed class MemoryGenerationService(IStrataStore store, IBlobStore blobs, TextGeneration llm, ReductionLimits limits, TimeProvider clock)
{
    /// <summary>The user's own words given to the profile call: enough to tell a style, bounded whatever the history.</summary>
    public const int ProfileSampleChars = 8_000;

    private const int ProfileConversations = 12;
    private const int MaxTokens = 1_024;

    public async Task<IReadOnlyList<GeneratedSection>> GenerateAsync(string userId, string? importId, CancellationToken cancellationToken)
    {
        List<string> lines;
        string sample;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            lines = (await MemoryLines.ReadAsync(read, cancellationToken))
                .Zip(MemorySections.All, (queue, section) => queue.Select(l => $"{section.Title}: {l.Line}"))
                .SelectMany(l => l).ToList();
            sample = importId is null ? "" : await SampleAsync(read, importId, cancellationToken);
        }
        var sections = new List<GeneratedSection> { await SummaryAsync(userId, lines, cancellationToken) };
        if (sample.Length > 0) sections.AddRange(await ProfileAsync(userId, sample, cancellationToken));
        await using var write = await store.OpenWriteAsync(userId, cancellationToken);
        await write.ChatImports.SaveGeneratedAsync(sections, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return sections;
    }

    private async Task<GeneratedSection> SummaryAsync(string userId, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        string? model = null, raw = null;
        var result = await BoundedReduction.ReduceAsync(lines, async (batch, level, token) =>
        {
            try
            {
                var answer = await llm.WriteAsync(userId, new TextRequest("memory.summary", level == 1 ? MemoryPrompts.SummarizeFacts : MemoryPrompts.SummarizeSummaries,
                    string.Join('\n', batch), [MemoryPrompts.SummaryField], MaxTokens), token);
                model = answer.Model;
                return answer.Fields[MemoryPrompts.SummaryField];
            }
            catch (GenerationFailedException failed)
            {
                raw = failed.RawOutput ?? raw;
                throw;
            }
        }, limits, clock, cancellationToken);
        var now = clock.GetUtcNow();
        return result.End switch
        {
            ReductionEnd.Reduced or ReductionEnd.DepthCapped => new GeneratedSection(GeneratedSections.Summary, result.Text, GeneratedSections.Generated,
                result.End == ReductionEnd.DepthCapped ? $"Depth cap {limits.DepthCap} reached; the last level's summaries are kept side by side." : null,
                null, model, result.Calls, now),
            ReductionEnd.Empty => new GeneratedSection(GeneratedSections.Summary, null, GeneratedSections.Failed, "Nothing to summarise yet.", null, null, 0, now),
            _ => new GeneratedSection(GeneratedSections.Summary, null, GeneratedSections.Failed, Clip(Why(result)), raw, model, result.Calls, now),
        };
    }

    private async Task<IReadOnlyList<GeneratedSection>> ProfileAsync(string userId, string sample, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limits.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var now = clock.GetUtcNow();
        try
        {
            var answer = await llm.WriteAsync(userId, new TextRequest("memory.profile", MemoryPrompts.Profile, sample, GeneratedSections.Profile, MaxTokens), linked.Token);
            return GeneratedSections.Profile.Select(name => answer.Fields.TryGetValue(name, out var text)
                ? new GeneratedSection(name, text, GeneratedSections.Generated, null, null, answer.Model, 1, now)
                : new GeneratedSection(name, null, GeneratedSections.Failed, "The answer left this section out.", null, answer.Model, 1, now)).ToList();
        }
        catch (Exception failure) when (failure is GenerationFailedException
            || (failure is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            var error = failure is GenerationFailedException ? failure.Message : $"No answer within {limits.Timeout.TotalSeconds:0} s.";
            var raw = (failure as GenerationFailedException)?.RawOutput;
            return GeneratedSections.Profile.Select(name => new GeneratedSection(name, null, GeneratedSections.Failed, Clip(error), raw, null, 1, now)).ToList();
        }
    }

    /// <summary>The user's own messages from the import's richest conversations, up to <see cref="ProfileSampleChars"/>.</summary>
    private async Task<string> SampleAsync(IStoreReader session, string importId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var conversation in (await session.ChatImports.ListConversationsAsync(importId, null, cancellationToken)).Take(ProfileConversations))
        {
            if (await session.Sources.GetAsync(conversation.SourceId, cancellationToken) is not { } source) continue;
            foreach (var message in (await ConversationSources.ReadAsync(blobs, source, cancellationToken)).Messages.Where(m => m.Role == "user"))
            {
                var room = ProfileSampleChars - text.Length;
                if (room <= 0) return text.ToString();
                var words = message.Text.Trim();
                if (words.Length > 0) text.Append(words.Length <= room ? words : words[..room]).Append("\n---\n");
            }
        }
        return text.ToString();
    }

    private string Why(ReductionResult result) => result.End switch
    {
        ReductionEnd.BreakerOpen => $"Stopped after {limits.BreakerFailures} failed model calls in a row (circuit open); the last: {result.LastError}",
        ReductionEnd.TimedOut => $"Stopped at the {limits.Timeout.TotalSeconds:0} s timeout after {result.Calls} call(s).",
        _ => $"No summary: {result.LastError}",
    };

    private static string Clip(string text) => text.Length <= 500 ? text : text[..499] + "…";
}
