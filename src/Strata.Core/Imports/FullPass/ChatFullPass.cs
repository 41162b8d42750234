using System.Globalization;
using Strata.Core.Errors;
using Strata.Core.Evidence;
using Strata.Core.Extraction;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Imports.Chunking;
using Strata.Core.Llm.Calls;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Imports.FullPass;

/// <summary>
/// The full pass of a chat import: each pending conversation (richest first, a configurable number at once) is read by
/// the model in chunks of its pipeline's tier, one run per conversation over the conversation's source, with the run
/// machinery of every LLM run (run items, packs that split on failure, call slots, budget and accounting). Facts are
/// observed at the conversation's last message time, so a newer statement of a preference wins in the snapshot and the
/// older stays as history. Each evidence quote is also recorded against its message: the message block's uid and the
/// characters within the message's text. A conversation whose items all completed is done; one with failed items is
/// failed and is taken again by <c>resume</c>, which reads only the chunks that did not complete.
/// </summary>
public sealed class ChatFullPass(LlmRunKit kit)
{
    private IStrataStore Store => kit.Store;
    private IBlobStore Blobs => kit.Blobs;
    private LlmRunOptions RunOptions => kit.RunOptions;
    private ILlmCallSlots Slots => kit.Slots;
    private ILlmUsageRecorder Usage => kit.Usage;
    private ILanguageModels Models => kit.Models;

    /// <summary>The client of this pass: the user's own key for the provider when they stored one, else the server's.</summary>
    private IModelClient Client { get; set; } = null!;
    private WriteLimits Limits => kit.Limits;
    private TimeProvider Clock => kit.Clock;

    public const string Interpreter = "llm-chat";
    public const string InterpreterVersion = "1";

    /// <summary>Far below the run timeout sweep's limit, so a conversation being read is never swept.</summary>
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);

    /// <summary>Facts from each pending conversation of the import, one run per conversation; records each conversation's
    /// outcome and the import's counts as it goes. <c>LLM_NOT_CONFIGURED</c> without a model.</summary>
    public async Task<ChatPassResult> RunAsync(ChatPassWork work, CancellationToken cancellationToken)
    {
        IReadOnlyList<ImportedConversation> pending;
        SchemaCatalog catalog;
        IReadOnlyList<RegisteredSchema> registered;
        RunModel.Choice chosen;
        await using (var carry = await Store.OpenWriteAsync(work.UserId, cancellationToken))
        {
            // The same conversation in a newer export (or the same export again) is not read twice: its facts are there.
            await carry.ChatImports.CarryDonePassesAsync(work.ImportId, Clock.GetUtcNow(), cancellationToken);
            await carry.CommitAsync(cancellationToken);
        }
        await using (var read = await Store.OpenReadAsync(work.UserId, cancellationToken))
        {
            pending = [.. await read.ChatImports.ListConversationsAsync(work.ImportId, PassStatuses.Pending, cancellationToken),
                .. await read.ChatImports.ListConversationsAsync(work.ImportId, PassStatuses.Failed, cancellationToken)];
            registered = await read.Schemas.ListLatestAsync(cancellationToken);
            catalog = new SchemaCatalog(registered);
            chosen = await RunModel.ChooseAsync(read, null, null, registered, kit.Models, kit.Keys is not null, cancellationToken);
        }
        var choice = chosen.Model;
        Client = kit.Models.Client(choice.Provider, await RunModel.UserKeyAsync(Store, kit.Keys, work.UserId, choice.Provider, cancellationToken));
        var prompt = ChatPrompt.For(catalog);
        var tier = work.PipelineVersion == ChatPipelines.Newer ? ChunkTier.Macro : ChunkTier.Medium;
        var config = new LlmRunConfig(choice.Provider, choice.Model, RunOptions.Temperature, RunOptions.MaxTokens,
            tier.TargetChars / 4, prompt.SystemPrompt, prompt.ItemSchema);
        var described = new Dictionary<string, string?>(LlmRunConfig.Describe(config, chosen, prompt,
            registered.Select(s => s.SchemaUid), CanonicalConversation.MediaType, null))
        {
            ["interpreter"] = Interpreter,
            ["prompt_template"] = ChatPrompt.Template,
            ["prompt_template_hash"] = Hashing.Sha256Hex.Of(ChatPrompt.Template),
            ["import_id"] = work.ImportId,
            ["pipeline_version"] = work.PipelineVersion,
            ["chunk_tier"] = tier.Name,
        };
        var configJson = RunConfig.Serialize(described);

        int done = 0, failed = 0, facts = 0;
        string? firstError = null;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = work.Concurrency, CancellationToken = cancellationToken },
            async (conversation, token) =>
            {
                var outcome = await new ConversationPass(this, work, conversation, config, catalog, configJson, tier).RunAsync(token);
                lock (pending)
                {
                    if (outcome.Error is null) done++;
                    else { failed++; firstError ??= outcome.Error; }
                    facts += outcome.Facts;
                }
            });
        return new ChatPassResult(done, failed, facts, firstError);
    }

    internal sealed record Outcome(int Facts, string? Error);

    /// <summary>One conversation's run.</summary>
    private sealed class ConversationPass(ChatFullPass pass, ChatPassWork work, ImportedConversation conversation, LlmRunConfig config,
        SchemaCatalog catalog, string configJson, ChunkTier tier)
    {
        private IStrataStore Store => pass.Store;

        private TimeProvider Clock => pass.Clock;

        public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
        {
            Source source;
            HashSet<int> completedBefore;
            await using (var read = await Store.OpenReadAsync(work.UserId, cancellationToken))
            {
                source = await read.Sources.GetAsync(conversation.SourceId, cancellationToken)
                    ?? throw new StrataException(ErrorCodes.SourceNotFound, $"Source {conversation.SourceId} of the import is gone.");
                completedBefore = conversation.RunId is { } earlier
                    ? (await read.RunItems.ListAsync(earlier, RunItemStatuses.Completed, new Paging(Paging.MaxLimit), cancellationToken)).Items
                        .Select(i => i.Index).ToHashSet()
                    : [];
            }
            var canonical = await ConversationSources.ReadAsync(pass.Blobs, source, cancellationToken);
            var text = ConversationText.Of(canonical);
            var chunks = ChatChunker.Chunk(canonical.Messages.Select(m => m.Text).ToList(), tier)
                .Select(c => (c.Index, Start: text.MessageStart(c.Spans[0].MessageIndex) + c.Spans[0].Start,
                    End: text.MessageStart(c.Spans[^1].MessageIndex) + c.Spans[^1].End))
                .Where(c => !completedBefore.Contains(c.Index))
                .ToList();

            var now = Clock.GetUtcNow();
            var run = new Run(Hashing.StrataIds.NewRun(), work.UserId, source.Id, Interpreter, InterpreterVersion, configJson,
                Hashing.Sha256Hex.Of(configJson), RunStatuses.Pending, 0, 0, 0, null, now, null, null, null);
            IReadOnlyList<RunItem> claimed;
            await using (var session = await Store.OpenWriteAsync(work.UserId, cancellationToken))
            {
                if (conversation.RunId is { } earlier)
                {
                    // An earlier attempt stopped with this run open: it ends here, its completed chunks and their facts kept.
                    await RunLedger.FailAsync(session, earlier, "Stopped; the import's resume continued in a new run.", lease: null, now, cancellationToken);
                }
                await RunLedger.OpenAsync(session, run, cancellationToken);
                await session.RunItems.InsertManyAsync(chunks.Select(c => RunItem.Pending(run.Id, c.Index, c.Start, c.End - c.Start, now)).ToList(), cancellationToken);
                claimed = await session.RunItems.ClaimPendingAsync(run.Id, now, cancellationToken);
                await RunLedger.StartAsync(session, run.Id, now, cancellationToken);
                await session.ChatImports.FinishPassAsync(work.ImportId, conversation.Position, run.Id, PassStatuses.Pending, 0, now, cancellationToken);
                await session.CommitAsync(cancellationToken);
            }

            var started = run with { Status = RunStatuses.Running, StartedAt = now };
            var observedAt = conversation.LastMessageAt ?? canonical.UpdatedAt ?? canonical.CreatedAt ?? now;
            var context = new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation, null, observedAt,
                pass.Limits.MaxValueBytes);
            var committer = new PackCommitter(Store, started, catalog, context, new EvidenceLocator(text.Text), claimed.ToDictionary(i => i.Index),
                RunProgress.Of(started), pass.RunOptions.KeepAllRawOutput, Clock);
            var calls = new PackCalls(started, config, pass.Client, pass.Slots, pass.Usage, pass.Models, pass.RunOptions, Clock);
            var packs = PackPlanner.Plan(claimed.Select(item => new WorkItem(item.Index.ToString(CultureInfo.InvariantCulture),
                text.Text.Substring(item.Start, item.Length), TokenEstimate.Of(item.Length), pass.RunOptions.ExpectedOutputTokensPerItem)),
                pass.RunOptions.Packs);
            var lastBeat = now;
            foreach (var pack in packs)
            {
                var report = await SplitOnFailureExecutor.RunAsync(pack, calls.CallAsync, cancellationToken);
                await calls.RecordAsync(report, cancellationToken);
                await committer.CommitAsync(report, calls.Shares(report), cancellationToken);
                // A sign of life now and then, so a long conversation is not taken for a stale run by the timeout sweep; not
                // after every pack: each is a write transaction, and at high concurrency they queue behind SQLite's one writer.
                if (Clock.GetUtcNow() - lastBeat < HeartbeatEvery) continue;
                lastBeat = Clock.GetUtcNow();
                await RunLedger.BeatAsync(Store, work.UserId, run.Id, lastBeat, cancellationToken);
            }
            return await FinishAsync(started, source, canonical, text, committer.Progress, cancellationToken);
        }

        private async Task<Outcome> FinishAsync(Run run, Source source, CanonicalConversation canonical, ConversationText text, RunProgress progress,
            CancellationToken cancellationToken)
        {
            await using var session = await Store.OpenWriteAsync(work.UserId, cancellationToken);
            var summary = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
            var itemStarts = (await session.RunItems.ListAsync(run.Id, null, new Paging(Paging.MaxLimit), cancellationToken)).Items
                .ToDictionary(i => i.Index, i => i.Start);
            var evidence = new List<ChatEvidence>();
            var page = 0;
            while (true)
            {
                var (rows, total) = await session.Evidence.ListForRunAsync(run.Id, new Paging(Paging.MaxLimit, page * Paging.MaxLimit), cancellationToken);
                evidence.AddRange(rows.Select(row => ToMessage(row, source, canonical, text, itemStarts)));
                page++;
                if (page * Paging.MaxLimit >= total || rows.Count == 0) break;
            }
            await session.ChatImports.InsertEvidenceAsync(evidence, cancellationToken);
            string? error = null;
            if (summary.Failed > 0)
            {
                var failedItem = (await session.RunItems.ListAsync(run.Id, RunItemStatuses.Failed, new Paging(1), cancellationToken)).Items.FirstOrDefault();
                error = $"conversation '{canonical.Title ?? canonical.Id}': {summary.Failed} of {summary.Total} chunks failed ({failedItem?.Error})";
            }
            var now = Clock.GetUtcNow();
            var current = await session.Runs.GetAsync(run.Id, cancellationToken) ?? run;
            await RunLedger.CompleteAsync(session, current, progress, summary, now, cancellationToken, error);
            await session.ChatImports.FinishPassAsync(work.ImportId, conversation.Position, run.Id,
                error is null ? PassStatuses.Done : PassStatuses.Failed, progress.ObservationsCreated, now, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return new Outcome(progress.ObservationsCreated, error);
        }

        private ChatEvidence ToMessage(ObservationEvidence row, Source source, CanonicalConversation canonical, ConversationText text,
            IReadOnlyDictionary<int, int> itemStarts)
        {
            var located = row.Found && row.Start is { } start && row.Length is { } length ? text.Locate(start, length) : null;
            // A quote not found (or spanning messages) is recorded against the message its chunk starts in, unlocated.
            var message = located?.Message ?? text.MessageAt(itemStarts.GetValueOrDefault(row.ItemIndex));
            return new ChatEvidence(row.ObservationId, row.Field, work.ImportId, source.Id, message, canonical.Messages[message].Id,
                ConversationBlocks.BlockUid(source.ContentHash, message), located is not null,
                located?.Start, located is null ? null : row.Length, row.Quote);
        }
    }
}
