using System.Globalization;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Review;

public sealed partial class ReviewService
{
    /// <summary>A run's blocks in order with their state: staged and confirmed ones with their values, failed ones with their
    /// error and raw output. Only blocks in <paramref name="state"/> when given.</summary>
    public Task<BlockValueList> ListValuesAsync(string userId, string runId, string? state, Paging paging, CancellationToken cancellationToken) =>
        ListValuesAsync(userId, runId, BlockValueQuery.All with { State = state }, paging, cancellationToken);

    /// <summary>A run's blocks matching <paramref name="query"/> in block order (the filter the grid and a bulk review take):
    /// by cursor (the last block index of the page before) or by offset into the matches, with their count when asked.</summary>
    public async Task<BlockValueList> ListValuesAsync(string userId, string runId, BlockValueQuery query, Paging paging, CancellationToken cancellationToken)
    {
        paging = paging.Validated();
        query.Validated();
        var state = query.State;
        // A state alone, read by cursor, keeps its own index walk; anything more is the database's filtered list.
        if (state == BlockValueQuery.Rejected || query.BlockType is not null || query.Field is not null || paging.Offset > 0 || paging.IncludeTotal)
        {
            return await ListMatchingAsync(userId, runId, query, paging, cancellationToken);
        }
        var after = AfterIndex(paging);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
        var views = new List<BlockValueView>();
        if (state is BlockValueStates.Staged or BlockValueStates.Confirmed)
        {
            foreach (var value in await session.Review.ListValuesAsync(runId, state, after, paging.Limit, cancellationToken))
            {
                views.Add(View(value, null));
            }
        }
        else
        {
            var itemStatus = state switch
            {
                BlockValueStates.Pending => RunItemStatuses.Pending,
                BlockValueStates.Claimed => RunItemStatuses.Claimed,
                BlockValueStates.Failed => RunItemStatuses.Failed,
                _ => null,
            };
            // From the item after the cursor's block, however many items before it the state filter skips.
            var page = (await session.RunItems.ListAsync(runId, itemStatus,
                new Paging(paging.Limit, Cursor: after < 0 ? null : RunItemPages.After(runId, after)), cancellationToken)).Items;
            var uids = page.Count == 0 ? new Dictionary<int, string>()
                : (await session.Review.ReadBlocksAsync(blockRun.DocumentId, page[0].Index, page[^1].Index, cancellationToken)).ToDictionary(b => b.Index, b => b.BlockUid);
            foreach (var item in page)
            {
                var value = await session.Review.GetValueAsync(runId, item.Index, cancellationToken);
                views.Add(value is not null && item.Status == RunItemStatuses.Completed ? View(value, item)
                    : Bare(blockRun, item, value, uids.GetValueOrDefault(item.Index, "")));
            }
        }
        return new BlockValueList(views, NextCursor(views, paging));
    }

    private static string? NextCursor(List<BlockValueView> views, Paging paging) =>
        views.Count == paging.Limit ? views[^1].BlockIndex.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The filtered list: the database walks the run's items with the query and pages; a block without a value
    /// in force reads its item (for its error and raw output) and its uid, one row each.</summary>
    private async Task<BlockValueList> ListMatchingAsync(string userId, string runId, BlockValueQuery query, Paging paging, CancellationToken cancellationToken)
    {
        var after = AfterIndex(paging);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
        var views = new List<BlockValueView>();
        foreach (var block in await session.Review.ListMatchingAsync(runId, blockRun.DocumentId, query, after, paging.Offset, paging.Limit, cancellationToken))
        {
            if (block.Value is { } value && block.ItemStatus == RunItemStatuses.Completed)
            {
                views.Add(View(value, null));
                continue;
            }
            var item = await session.RunItems.GetAsync(runId, block.Index, cancellationToken)
                ?? throw new StrataException(ErrorCodes.BlockValueNotFound, $"Run {runId} has no block {block.Index}.");
            var uid = block.Value?.BlockUid
                ?? (await session.Review.ReadBlocksAsync(blockRun.DocumentId, block.Index, block.Index, cancellationToken)).FirstOrDefault()?.BlockUid ?? "";
            views.Add(Bare(blockRun, item, block.Value, uid));
        }
        int? total = paging.IncludeTotal ? await session.Review.CountMatchingAsync(runId, blockRun.DocumentId, query, cancellationToken) : null;
        return new BlockValueList(views, NextCursor(views, paging), total);
    }

    private static int AfterIndex(Paging paging) => paging.Cursor is null ? -1
        : int.TryParse(paging.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c
        : throw StrataException.Validation("cursor is not one this list gave.");

    public async Task<BlockValueView> GetValueAsync(string userId, string runId, int blockIndex, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
        var value = await session.Review.GetValueAsync(runId, blockIndex, cancellationToken);
        var item = await session.RunItems.GetAsync(runId, blockIndex, cancellationToken);
        if (item is null) throw new StrataException(ErrorCodes.BlockValueNotFound, $"Run {runId} has no block {blockIndex}.");
        var uid = (await session.Review.ReadBlocksAsync(blockRun.DocumentId, blockIndex, blockIndex, cancellationToken)).FirstOrDefault()?.BlockUid ?? "";
        return value is not null && item.Status == RunItemStatuses.Completed ? View(value, item) : Bare(blockRun, item, value, uid);
    }

    /// <summary>staged → confirmed: the value becomes an accepted observation of the (block, schema) entity.</summary>
    public Task<BlockValueView> ConfirmAsync(string userId, string runId, int blockIndex, CancellationToken cancellationToken) =>
        ReviewOneAsync(userId, runId, blockIndex, async (session, value, now) =>
        {
            Require(value, BlockValueStates.Staged, "confirm");
            return await ConfirmValueAsync(session, value, value.ValueJson ?? "{}", edited: false, userId, now, cancellationToken);
        }, cancellationToken);

    /// <summary>staged → pending: the model's answer is set aside and the run asks again for this block.</summary>
    public Task<BlockValueView> RejectAsync(string userId, string runId, int blockIndex, CancellationToken cancellationToken) =>
        ReviewOneAsync(userId, runId, blockIndex, async (session, value, now) =>
        {
            Require(value, BlockValueStates.Staged, "reject");
            var rejected = value with { State = BlockValueStates.Pending, UpdatedAt = now };
            await session.Review.ReopenItemsAsync(runId, RunItemStatuses.Completed, blockIndex, now, cancellationToken);
            await WakeAsync(session, runId, cancellationToken);
            return rejected;
        }, cancellationToken);

    /// <summary>A person's value replaces the model's (which is kept), recorded as their edit, and is confirmed.</summary>
    public Task<BlockValueView> EditAsync(string userId, string runId, int blockIndex, JsonElement edit, CancellationToken cancellationToken) =>
        ReviewOneAsync(userId, runId, blockIndex, async (session, value, now) =>
        {
            if (value.State is not (BlockValueStates.Staged or BlockValueStates.Confirmed))
            {
                throw new StrataException(ErrorCodes.ReviewStateConflict, $"Block {blockIndex} is {value.State}: only a staged or confirmed value can be edited.");
            }
            var schema = await BlockSchemaService.FindAsync(session, value.SchemaRef, null, cancellationToken);
            var checkedValue = BlockValues.Check(edit, schema.Definition);
            return await ConfirmValueAsync(session, value, checkedValue, edited: true, userId, now, cancellationToken);
        }, cancellationToken);

    private async Task<BlockValueView> ReviewOneAsync(string userId, string runId, int blockIndex,
        Func<IStoreSession, BlockValue, DateTimeOffset, Task<BlockValue>> step, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        await RequireAsync(session, runId, cancellationToken);
        var value = await session.Review.GetValueAsync(runId, blockIndex, cancellationToken)
            ?? throw new StrataException(ErrorCodes.BlockValueNotFound, $"Block {blockIndex} of run {runId} has no value to review.");
        var now = clock.GetUtcNow();
        var changed = await step(session, value, now);
        if (!await session.Review.UpdateValueAsync(changed, value.State, cancellationToken))
        {
            throw new StrataException(ErrorCodes.ReviewStateConflict, $"Block {blockIndex} changed meanwhile; read it again.");
        }
        if (changed.State == BlockValueStates.Confirmed) await Webhooks.ReviewEvents.ConfirmedIfLastAsync(session, runId, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return View(changed, null);
    }

    private static void Require(BlockValue value, string state, string step)
    {
        if (value.State != state)
        {
            throw new StrataException(ErrorCodes.ReviewStateConflict, $"Block {value.BlockIndex} is {value.State}: only a {state} value can be {step}ed.");
        }
    }

    /// <summary>Writes the value as an accepted observation of the entity of (block, schema) and returns it confirmed.
    /// A person's edit is a correction (it outranks the model's answers); the model's answer is an interpretation.</summary>
    private async Task<BlockValue> ConfirmValueAsync(IStoreSession session, BlockValue value, string valueJson, bool edited, string userId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = await session.Runs.GetAsync(value.RunId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {value.RunId}.");
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using (var parsed = JsonDocument.Parse(valueJson))
        {
            foreach (var property in parsed.RootElement.EnumerateObject()) fields[property.Name] = property.Value.Clone();
        }
        fields[BlockSchemas.BlockUidField] = JsonSerializer.SerializeToElement(value.BlockUid, CoreJsonContext.Default.String);
        var locator = edited
            ? string.Create(CultureInfo.InvariantCulture, $"block:{value.BlockIndex}:edit:{now.UtcTicks}")
            : string.Create(CultureInfo.InvariantCulture, $"block:{value.BlockIndex}");
        var writer = new ObservationWriter(session, catalog, new WriteContext(value.RunId, run.SourceId,
            edited ? ObservationKinds.Correction : ObservationKinds.Interpretation,
            edited ? Priorities.Correction : Priorities.Interpretation, value.SchemaRef, now));
        var stored = await writer.WriteAsync(new ExtractedRecord(value.SchemaRef, fields, locator), cancellationToken);
        await writer.RefreshSnapshotsAsync(cancellationToken);
        return value with
        {
            State = BlockValueStates.Confirmed,
            ValueJson = valueJson,
            Edited = value.Edited || edited,
            EditedBy = edited ? userId : value.EditedBy,
            EditedAt = edited ? now : value.EditedAt,
            ConfirmedBy = userId,
            ConfirmedAt = now,
            ObservationId = stored.ObservationId,
            EntityId = stored.EntityId,
            UpdatedAt = now,
        };
    }

    /// <summary>A block's value as every read and review step shows it: a value is in force only while staged or confirmed,
    /// so a rejected block (pending again) answers as reading it would, with the model's answer kept as model_value.</summary>
    private static BlockValueView View(BlockValue value, RunItem? item) => new(value.RunId, value.BlockIndex, value.BlockUid, value.DocumentId,
        value.SchemaRef, value.State, value.State is BlockValueStates.Staged or BlockValueStates.Confirmed ? Json(value.ValueJson) : null,
        Json(value.ModelValueJson), value.Edited, value.EditedBy, value.EditedAt,
        value.ConfirmedBy, value.ConfirmedAt, value.ObservationId, value.EntityId, item?.Error, item?.RawOutput);

    /// <summary>A block without a value in force (pending, claimed or failed): its state is its item's.</summary>
    private static BlockValueView Bare(BlockRun run, RunItem item, BlockValue? rejected, string blockUid) => new(run.RunId, item.Index,
        blockUid, run.DocumentId, run.SchemaRef, item.Status, null, Json(rejected?.ModelValueJson), false, null, null, null, null,
        null, null, item.Error, item.RawOutput);

    private static JsonElement? Json(string? text)
    {
        if (text is null) return null;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
