using System.Text.Json;
using Strata.Core;
using Strata.Core.Hashing;
using Strata.Core.MemoryServer;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>
/// Migration 0315 on a store whose profile graph was written before it (both dialects' upgrade tests): the test writes a
/// graph through the profile, takes the column away as the store was before 0315 (the rows the profile writes, without
/// <c>memory_text</c>), opens the store again, and <c>search_nodes</c> then answers as folding the whole graph answered
/// before, from texts the migration filled (none left out), and the texts follow later writes.
/// </summary>
public static class UpgradedMemoryTexts
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>What the migration's SQL must drop and forget for the store to be as it was before it.</summary>
    public const string BeforeMigration = "ALTER TABLE entities DROP COLUMN memory_text; DELETE FROM schema_migrations WHERE version = 315;";

    /// <summary>What migration 0350 must drop and forget for the store to be as it was before it (no kept states).</summary>
    public const string BeforeStateMigration =
        "ALTER TABLE entities DROP COLUMN memory_name; ALTER TABLE entities DROP COLUMN memory_state; DELETE FROM schema_migrations WHERE version = 350;";

    /// <summary>What SQLite's migration 0370 must drop and forget first: its trigger names the columns the two above drop,
    /// which SQLite refuses while it does (PostgreSQL's trigger functions are not checked against them); and 0450 (each
    /// observation's fields written out again), since 0315, run again, reads them from the rows; and 0500, 0510 and 0520
    /// (relation observations, observations and entities named their user by id before them, as 0350's fill and 0370's
    /// triggers read it), and with them 0530 (the entity row kept its search text before it: left empty here, as 0520
    /// copies it and 0530 drops it again; the full-text indexes keep their entries by rowid throughout), and 0550 (both kinds
    /// of observation named their run by id before it; the runs keep their numbers, which 0550 hands out again).</summary>
    public const string SqliteBeforeGenerationMigration = """
        DROP TRIGGER memory_generation_inserted; DROP TRIGGER memory_generation_deleted; DROP TRIGGER memory_generation_updated;
        DROP TRIGGER memory_generation_relation_inserted; DROP TRIGGER memory_generation_relation_deleted;
        DROP TRIGGER memory_generation_relation_updated; DROP TABLE memory_generations; DELETE FROM schema_migrations WHERE version = 370;
        DROP TRIGGER observations_fields_once_snapshot; DROP TRIGGER observations_fields_once_moved;
        DROP TRIGGER observations_fields_once_entity_deleted;
        UPDATE observations SET fields_json = (SELECT e.fields_json FROM entities e WHERE e.rowid = observations.entity_row) WHERE fields_json = '';
        DELETE FROM schema_migrations WHERE version = 450;
        PRAGMA foreign_keys = OFF;
        DROP TRIGGER runs_deleted_keep_id;
        CREATE TABLE entities_by_id (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users(id), entity_type TEXT NOT NULL,
            canonical_name TEXT NOT NULL, merged_into TEXT, merged_at INTEGER, created_at INTEGER NOT NULL, fields_json TEXT NOT NULL DEFAULT '{}',
            provenance_json TEXT NOT NULL DEFAULT '{}', observation_count INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,
            search_text TEXT NOT NULL DEFAULT '', memory_text TEXT, memory_name TEXT, memory_state TEXT);
        INSERT INTO entities_by_id (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, fields_json,
            provenance_json, observation_count, updated_at, search_text, memory_text, memory_name, memory_state)
        SELECT e.rowid, e.id, (SELECT u.id FROM users u WHERE u.rowid = e.user_row), e.entity_type, e.canonical_name, e.merged_into, e.merged_at,
            e.created_at, e.fields_json, e.provenance_json, e.observation_count, e.updated_at, '', e.memory_text, e.memory_name, e.memory_state
        FROM entities e;
        DROP TABLE entities;
        ALTER TABLE entities_by_id RENAME TO entities;
        CREATE INDEX entities_by_user_type ON entities (user_id, entity_type, updated_at);
        CREATE INDEX entities_by_user ON entities (user_id, updated_at, id DESC);
        CREATE TABLE observations_by_id (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users(id),
            entity_id TEXT NOT NULL REFERENCES entities(id), original_entity_id TEXT NOT NULL, source_id TEXT, run_id TEXT, kind TEXT NOT NULL,
            locator TEXT NOT NULL, priority INTEGER NOT NULL, state TEXT NOT NULL, fields_json TEXT NOT NULL, reason TEXT,
            observed_at INTEGER NOT NULL, created_at INTEGER NOT NULL, entity_row INTEGER NOT NULL DEFAULT 0);
        INSERT INTO observations_by_id (seq, id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
            fields_json, reason, observed_at, created_at, entity_row)
        SELECT o.seq, o.id, (SELECT u.id FROM users u WHERE u.rowid = o.user_row), o.entity_id, o.original_entity_id, o.source_id,
            coalesce(o.run_id, (SELECT r.id FROM runs r WHERE r.seq = o.run_row)), o.kind, o.locator, o.priority, o.state, o.fields_json, o.reason, o.observed_at, coalesce(o.created_at, o.observed_at), o.entity_row
        FROM observations o;
        DROP TABLE observations;
        ALTER TABLE observations_by_id RENAME TO observations;
        CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);
        CREATE INDEX observations_by_run ON observations (run_id);
        CREATE TABLE relation_observations_by_id (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, from_entity_id TEXT NOT NULL,
            relation_type TEXT NOT NULL, to_entity_id TEXT NOT NULL, original_from_entity_id TEXT NOT NULL, original_to_entity_id TEXT NOT NULL,
            state TEXT NOT NULL, properties_json TEXT NOT NULL DEFAULT '{}', valid_from INTEGER, valid_to INTEGER, effective_at INTEGER NOT NULL,
            observed_at INTEGER NOT NULL, priority INTEGER NOT NULL, run_id TEXT NOT NULL, source_id TEXT NOT NULL);
        INSERT INTO relation_observations_by_id (seq, id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
            original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
        SELECT o.seq, o.id, (SELECT u.id FROM users u WHERE u.rowid = o.user_row), o.from_entity_id, o.relation_type, o.to_entity_id,
            o.original_from_entity_id, o.original_to_entity_id, o.state, o.properties_json, o.valid_from, o.valid_to, o.effective_at,
            o.observed_at, o.priority, coalesce(o.run_id, (SELECT r.id FROM runs r WHERE r.seq = o.run_row)), o.source_id
        FROM relation_observations o;
        DROP TABLE relation_observations;
        ALTER TABLE relation_observations_by_id RENAME TO relation_observations;
        CREATE INDEX relation_observations_by_from_type ON relation_observations (user_id, from_entity_id, relation_type, to_entity_id);
        CREATE INDEX relation_observations_by_to_type ON relation_observations (user_id, to_entity_id, relation_type, from_entity_id);
        DELETE FROM schema_migrations WHERE version IN (500, 510, 520, 530, 550);
        PRAGMA foreign_keys = ON;
        """;

    /// <summary>Every kept state forgotten (as a row the migration's fill has not reached, or one restored from an older
    /// archive): search must then fold those entities' observations and answer the same.</summary>
    public const string StatesNotKept = "UPDATE entities SET memory_name = NULL, memory_state = NULL;";

    public static readonly string[] Queries = ["ada", "tea", "wekes", "weeks ben", "chess", "person", "robot", "rides", "", "xyz"];

    private static MemoryServerService Memory(IStrataStore store, string directory) =>
        new StrataServices(store, new FileBlobStore(Path.Combine(directory, "blobs")), [],
            new StrataOptions { SpoolDirectory = Path.Combine(directory, "spool") }, TimeProvider.System).MemoryServer;

    /// <summary>Writes the graph for user <c>usr_a</c> (whom it creates) and returns what each query answers by folding it whole.</summary>
    public static async Task<Dictionary<string, string>> WriteAsync(IStrataStore store, string directory)
    {
        await store.Users.InsertAsync(new Core.Users.User("usr_a", "a", Core.Users.Plans.Free, DateTimeOffset.UtcNow, false), null, None);
        var memory = Memory(store, directory);
        await memory.CreateEntitiesAsync("usr_a", [
            new MemoryEntity("Ada", "person", ["likes tea", "born 1815"]), new MemoryEntity("Benjamin Weeks", "person", ["plays chess"]),
            new MemoryEntity("Robo", "robot", [])], None);
        await memory.AddObservationsAsync("usr_a", [new MemoryObservationAddition("Robo", ["sweeps floors"])], None);
        await memory.DeleteObservationsAsync("usr_a", [new MemoryObservationDeletion("Ada", ["likes tea"])], None);
        await memory.CreateRelationsAsync("usr_a", [new MemoryRelation("Ada", "Benjamin Weeks", "knows"), new MemoryRelation("Robo", "Nobody", "serves")], None);
        await memory.DeleteEntitiesAsync("usr_a", ["Robo"], None);
        await memory.CreateEntitiesAsync("usr_a", [new MemoryEntity("Robo", "vacuum", ["drinks tea"])], None);

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var graph = await memory.ReadGraphAsync("usr_a", null, None);
        foreach (var query in Queries)
        {
            var found = graph.Entities.Where(new MemorySearch(query).Matches).ToList();
            var names = found.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            answers[query] = JsonSerializer.Serialize(new MemoryGraph(found, graph.Relations.Where(r => names.Contains(r.From) || names.Contains(r.To)).ToList()));
        }
        Assert.Contains("Benjamin Weeks", answers["wekes"]);
        return answers;
    }

    /// <summary>After migration 0350: every memory entity keeps its state, equal to the fold, and search answers as before
    /// and follows later writes.</summary>
    public static async Task KeepStatesAnswerTheSameAndFollowLaterWritesAsync(IStrataStore store, string directory, Dictionary<string, string> before)
    {
        await KeptMemoryStates.AssertEqualToTheFoldAsync(store, Memory(store, directory), "usr_a");
        await AnswerTheSameAndFollowLaterWritesAsync(store, directory, before);
        await KeptMemoryStates.AssertEqualToTheFoldAsync(store, Memory(store, directory), "usr_a");
    }

    public static async Task AnswerTheSameAndFollowLaterWritesAsync(IStrataStore store, string directory, Dictionary<string, string> before)
    {
        var memory = Memory(store, directory);
        foreach (var query in Queries)
        {
            Assert.Equal(before[query], JsonSerializer.Serialize(await memory.SearchNodesAsync("usr_a", query, None)));
        }
        await using (var session = await store.OpenReadAsync("usr_a", None))
        {
            var texts = (await session.Entities.ListMemoryTextsAsync(None)).ToDictionary(row => row.EntityId, row => row.Text);
            // Every string Ada was given, the one since deleted too; Nobody (only named by a relation) by its name.
            Assert.Equal(["Ada", "born 1815", "likes tea", "person"], texts[IdOf("Ada")]!.Split('\n').Order(StringComparer.Ordinal));
            Assert.Equal(["Nobody"], texts[IdOf("Nobody")]!.Split('\n'));
            Assert.Equal(4, texts.Count);
        }
        await memory.AddObservationsAsync("usr_a", [new MemoryObservationAddition("Benjamin Weeks", ["rides horses"])], None);
        Assert.Equal(["Benjamin Weeks"], (await memory.SearchNodesAsync("usr_a", "rides", None)).Entities.Select(e => e.Name));
    }

    private static string IdOf(string name) => StrataIds.EntityByIdentity("usr_a", BuiltInSchemas.MemoryEntity, "name=" + name);
}
