using Strata.Core.Relations;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>After migration 0380 on a database that held relation observations before it (both dialects' upgrade tests):
/// every relation reads back with the same ends, first ends and source, by holding, history, text and archive, each
/// user's only by that user; merges, unmerges, new relations and a forgotten run after it read back as written.</summary>
public static class UpgradedRelationObservations
{
    /// <summary>The rows both upgrade tests insert before 0380, with <paramref name="at"/> the time literal of the dialect:
    /// rel_1 named its run's source and its ends as first written; rel_2 another source than its run's and a from end a
    /// merge moved (first written to ent_old); rel_3 another user's.</summary>
    public static string Rows(string at) => $$"""
        INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{at}}'), ('usr_b', 'b', 'free', '{{at}}');
        INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
        VALUES ('src_1', 'usr_a', 'h1', 1, 'application/json', 'uploaded', '{{at}}'), ('src_2', 'usr_a', 'h2', 1, 'application/json', 'uploaded', '{{at}}'),
               ('src_3', 'usr_b', 'h3', 1, 'application/json', 'uploaded', '{{at}}');
        INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
        VALUES ('run_1', 'usr_a', 'src_1', 'structured', '1', '{}', 'c', 'completed', '{{at}}'),
               ('run_2', 'usr_b', 'src_3', 'structured', '1', '{}', 'c', 'completed', '{{at}}');
        INSERT INTO relation_observations (id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
            original_to_entity_id, state, properties_json, effective_at, observed_at, priority, run_id, source_id)
        VALUES ('rel_1', 'usr_a', 'ent_a', 'knows', 'ent_b', 'ent_a', 'ent_b', 'asserted', '{}', '{{at}}', '{{at}}', 100, 'run_1', 'src_1'),
               ('rel_2', 'usr_a', 'ent_c', 'works_at', 'ent_b', 'ent_old', 'ent_b', 'asserted', '{"team":"Archives"}', '{{at}}', '{{at}}', 100, 'run_1', 'src_2'),
               ('rel_3', 'usr_b', 'ent_x', 'knows', 'ent_y', 'ent_x', 'ent_y', 'asserted', '{}', '{{at}}', '{{at}}', 100, 'run_2', 'src_3');
        """;

    public static async Task GiveTheSameAnswersAndFollowLaterWritesAsync(IStrataStore store)
    {
        var later = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(["rel_1 ent_a knows ent_b run_1 src_1", "rel_2 ent_c works_at ent_b run_1 src_2"], await HoldingAsync(store, "usr_a", "ent_b"));
        Assert.Equal(["rel_3 ent_x knows ent_y run_2 src_3"], await HoldingAsync(store, "usr_b", "ent_x"));
        Assert.Empty(await HoldingAsync(store, "usr_a", "ent_x"));
        Assert.Empty(await HoldingAsync(store, "usr_b", "ent_b"));
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            var history = await read.Relations.HistoryAsync("ent_c", "works_at", "ent_b", CancellationToken.None);
            Assert.Equal(["rel_2 src_2"], history.Select(o => $"{o.Id} {o.SourceId}"));
            var text = await read.Relations.ListTextAsync(["ent_b"], later, 10, CancellationToken.None);
            Assert.Equal(["rel_1 src_1", "rel_2 src_2"], text.Select(t => $"{t.ObservationId} {t.SourceId}").Order(StringComparer.Ordinal));
            Assert.Equal("src_1", (await read.Relations.TextOfAsync("ent_a", "knows", "ent_b", later, CancellationToken.None))?.SourceId);
            // The archive carries every column written out, as the first layout kept them.
            Assert.Equal(["rel_1 ent_a ent_b src_1", "rel_2 ent_old ent_b src_2"], await ArchiveAsync(read));
        }
        await using (var read = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Equal(["rel_3 ent_x ent_y src_3"], await ArchiveAsync(read));
        }

        // An unmerge puts rel_2's from end back where it was first written; a merge moves rel_1's, an unmerge back.
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(1, await write.Relations.RestoreEndpointsAsync("ent_old", "ent_c", CancellationToken.None));
            Assert.Equal(1, await write.Relations.MoveEndpointsAsync("ent_a", "ent_z", CancellationToken.None));
            await write.CommitAsync(CancellationToken.None);
        }
        Assert.Equal(["rel_1 ent_z knows ent_b run_1 src_1", "rel_2 ent_old works_at ent_b run_1 src_2"], await HoldingAsync(store, "usr_a", "ent_b"));
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(["rel_1 ent_a ent_b src_1", "rel_2 ent_old ent_b src_2"], await ArchiveAsync(read));
        }
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(1, await write.Relations.RestoreEndpointsAsync("ent_a", "ent_z", CancellationToken.None));
            Assert.Equal(2, await write.Relations.InsertAsync([
                New("rel_4", "ent_a", "ent_d", "run_1", "src_1"), New("rel_5", "ent_a", "ent_e", "run_1", "src_2")], CancellationToken.None));
            await write.CommitAsync(CancellationToken.None);
        }
        Assert.Equal(["rel_1 ent_a knows ent_b run_1 src_1", "rel_4 ent_a knows ent_d run_1 src_1", "rel_5 ent_a knows ent_e run_1 src_2"],
            await HoldingAsync(store, "usr_a", "ent_a"));

        // Forgetting the run leaves its relation observations with the source they read through it.
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            Assert.True((await write.Deletions.DeleteRunAsync("run_1", CancellationToken.None)).Run);
            await write.CommitAsync(CancellationToken.None);
        }
        Assert.Equal(["rel_1 ent_a knows ent_b run_1 src_1", "rel_4 ent_a knows ent_d run_1 src_1", "rel_5 ent_a knows ent_e run_1 src_2"],
            await HoldingAsync(store, "usr_a", "ent_a"));
        Assert.Equal(["rel_3 ent_x knows ent_y run_2 src_3"], await HoldingAsync(store, "usr_b", "ent_x"));
    }

    private static RelationObservation New(string id, string from, string to, string run, string source)
    {
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        return new RelationObservation(id, from, "knows", to, RelationStates.Asserted, "{}", null, null, at, at, 100, run, source);
    }

    private static async Task<string[]> HoldingAsync(IStrataStore store, string userId, string entityId)
    {
        await using var read = await store.OpenReadAsync(userId, CancellationToken.None);
        var holding = await read.Relations.HoldingAsync([entityId], new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        return holding.Select(o => $"{o.Id} {o.FromEntityId} {o.RelationType} {o.ToEntityId} {o.RunId} {o.SourceId}").Order(StringComparer.Ordinal).ToArray();
    }

    private static async Task<string[]> ArchiveAsync(IStoreReader read)
    {
        var rows = new List<string>();
        await foreach (var row in read.Archive.ReadAsync("relation_observations", CancellationToken.None))
        {
            var values = row.Values.ToDictionary(v => v.Key, v => v.Value);
            rows.Add($"{values["id"]} {values["original_from_entity_id"]} {values["original_to_entity_id"]} {values["source_id"]}");
        }
        return rows.Order(StringComparer.Ordinal).ToArray();
    }
}
