using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>A database made by an earlier release upgrades in place: later migrations keep what it holds readable.</summary>
public sealed class MigrationUpgradeTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task ObservationsWrittenBeforeMigration4AreFoundByTheirEntityAfterIt()
    {
        var path = DatabaseMigratedBefore(4, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
                   ('ent_2', 'usr_a', 'contact', 'Bob', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO observations (id, user_id, entity_id, original_entity_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_2', 'ent_2', 'structured', 'index:0', 100, 'accepted', '{"name":"Bob"}', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
                   ('obs_2', 'usr_a', 'ent_1', 'ent_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Ada"}', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z'),
                   ('obs_3', 'usr_a', 'ent_1', 'ent_1', 'structured', 'index:2', 100, 'accepted', '{"email":"ada@example.com"}', '2026-01-01T00:00:02.0000000Z', '2026-01-01T00:00:02.0000000Z');
            """);

        var store = _database.Open(TimeProvider.System);
        await using var session = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var ada = await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None);
        var bob = await session.Observations.ListForEntityAsync("ent_2", null, CancellationToken.None);
        Assert.Equal(["obs_2", "obs_3"], ada.Select(o => o.Id));
        Assert.Equal(["obs_1"], bob.Select(o => o.Id));
    }

    [Fact]
    public async Task AKeyIssuedBeforeMigration6KeepsWorkingAsTheUsersFirstKey()
    {
        var path = DatabaseMigratedBefore(6, """
            INSERT INTO users (id, name, plan, api_key_hash, created_at) VALUES ('usr_a', 'a', 'free', 'abc123hash', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            """);

        var store = _database.Open(TimeProvider.System);
        var found = await store.Users.FindByKeyHashAsync("abc123hash", CancellationToken.None);
        Assert.Equal("usr_a", found!.Value.User.Id);
        Assert.Single(await store.Users.ListKeysAsync("usr_a", CancellationToken.None));
        Assert.Empty(await store.Users.ListKeysAsync("usr_b", CancellationToken.None));
        Assert.True((await store.Users.FindByNameAsync("a", CancellationToken.None))!.HasApiKey);
    }

    [Fact]
    public async Task Entities_indexed_before_the_contentless_search_index_are_still_found_by_text_after_it()
    {
        var path = DatabaseMigratedBefore(11, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', 'ada lovelace analytical engine'),
                   ('ent_2', 'usr_a', 'contact', 'Bob Stone', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 'bob stone mason');
            INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities;
            """);

        using var store = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await using var session = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var found = (await session.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, "lovelace", false, new Strata.Core.Paging()), CancellationToken.None)).Items;
        var both = (await session.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, "ton", false, new Strata.Core.Paging()), CancellationToken.None)).Items;

        Assert.Equal(["ent_1"], found.Select(s => s.EntityId));
        Assert.Equal(["ent_2"], both.Select(s => s.EntityId));
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'entities_fts_content'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!); // the index keeps no second copy of the text
    }

    [Fact]
    public async Task Entities_written_before_the_word_index_are_found_by_their_words_after_it_and_the_index_follows_later_writes()
    {
        var path = DatabaseMigratedBefore(30, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Zoë Lovelace', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', 'zoë lovelace'),
                   ('ent_2', 'usr_a', 'contact', 'Bob Stone', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 'bob stone');
            INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities;
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            // Without diacritics "zoe" is no substring of "zoë": only the word index, filled from the rows, finds it.
            Assert.Equal(["ent_1"], await FindAsync(store, "zoe lovelace"));
        }
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            // With the trigram index emptied, whole words are still found and pieces of words no longer are.
            Execute(connection, "INSERT INTO entities_fts (entities_fts) VALUES ('delete-all')");
        }
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            Assert.Equal(["ent_2"], await FindAsync(store, "stone"));
            Assert.Empty(await FindAsync(store, "tone"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Execute(check, "DELETE FROM entities WHERE id = 'ent_2'");
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM entities_words WHERE entities_words MATCH 'stone'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Entities_indexed_with_trigram_positions_before_migration_480_are_found_by_the_same_words_and_pieces_after_it()
    {
        // ent_3 was merged into ent_2: the trigram index never held it; usr_b's ent_4 says what ent_1 says.
        var path = DatabaseMigratedBefore(480, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, search_text)
            VALUES (1, 'ent_1', 'usr_a', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"work":"Analytical Engine"}', 'ada lovelace analytical engine'),
                   (2, 'ent_2', 'usr_a', 'contact', 'Bob Stone', NULL, NULL, 1767225602000000, 1767225603000000, '{"trade":"mason"}', 'bob stone mason'),
                   (3, 'ent_3', 'usr_a', 'contact', 'Bob S.', 'ent_2', 1767225603000000, 1767225602000000, 1767225603000000, '{}', ''),
                   (4, 'ent_4', 'usr_b', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"work":"Analytical Engine"}', 'ada lovelace analytical engine');
            INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities WHERE merged_into IS NULL;
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            Assert.Equal(["ent_1"], await FindAsync(store, "lovelace"));
            Assert.Equal(["ent_1"], await FindAsync(store, "analytic ada"));
            Assert.Equal(["ent_1"], await FindAsync(store, "velac"));
            Assert.Equal(["ent_2"], await FindAsync(store, "ston"));
            Assert.Equal(["ent_1", "ent_2"], await FindAsync(store, "a")); // a word of ent_1 begins with it: ent_1 first
            Assert.Equal(["ent_2"], await FindAsync(store, "bob"));
            Assert.Empty(await FindAsync(store, "lovelace mason"));
            Assert.Empty(await FindAsync(store, "stonemason"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM sqlite_master WHERE name = 'entities_fts' AND sql LIKE '%detail = none%') || ' ' ||
                   (SELECT COUNT(*) FROM entities_fts WHERE entities_fts MATCH 'ada') || ' ' || (SELECT COUNT(*) FROM entities_words WHERE entities_words MATCH 'bob')
            """;
        Assert.Equal("1 2 1", (string)command.ExecuteScalar()!); // both users' ent_1 and ent_4 hold "ada"; ent_3 has no text
    }

    [Fact]
    public async Task Identity_keys_held_before_they_were_stored_compactly_find_the_same_entities_after_it_and_only_the_users_own()
    {
        var email = Strata.Core.Entities.Identity.RecordIdentity.HashOf("contact", "email=ada@example.com");
        var name = Strata.Core.Entities.Identity.RecordIdentity.HashOf("contact", "name=ada lovelace");
        var path = DatabaseMigratedBefore(32, $"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
                   ('ent_2', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z'),
                   ('ent_3', 'usr_b', 'contact', 'Ada Lovelace', '2026-01-01T00:00:02.0000000Z', '2026-01-01T00:00:02.0000000Z');
            INSERT INTO entity_keys (user_id, key_hash, entity_id, entity_type, entity_row)
            VALUES ('usr_a', '{email}', 'ent_1', 'contact', 1), ('usr_a', '{name}', 'ent_1', 'contact', 1),
                   ('usr_a', '{name}', 'ent_2', 'contact', 2), ('usr_a', '{name}', 'ent_gone', 'contact', NULL),
                   ('usr_b', '{email}', 'ent_3', 'contact', 3);
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedIdentityKeys.FindTheSameHoldersAndFollowLaterWritesAsync(store, email, name);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM entity_keys WHERE length(key) = 16";
        Assert.Equal(3L, (long)command.ExecuteScalar()!); // 16 bytes a key, the one whose entity was gone not carried over
    }

    [Fact]
    public async Task Entities_and_run_observations_written_before_the_smaller_indexes_are_listed_paged_and_found_as_before()
    {
        const string At1 = "2026-01-01T00:00:01.0000000Z", At2 = "2026-01-01T00:00:02.0000000Z", At3 = "2026-01-01T00:00:03.0000000Z";
        var path = DatabaseMigratedBefore(33, $$"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{At1}}'), ('usr_b', 'b', 'free', '{{At1}}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada', '{{At1}}', '{{At1}}', '{"name":"Ada"}', '{"name":"obs_1"}'),
                   ('ent_3', 'usr_a', 'contact', 'Cy', '{{At1}}', '{{At2}}', '{"name":"Cy","title":"Dr"}', '{"name":"obs_3","title":"obs_3"}'),
                   ('ent_2', 'usr_a', 'contact', 'Bo', '{{At1}}', '{{At2}}', '{"name":"Bo"}', '{"name":"obs_2"}'),
                   ('ent_4', 'usr_a', 'contact', 'Di', '{{At1}}', '{{At3}}', '{"name":"Di"}', '{"name":"obs_4"}'),
                   ('ent_5', 'usr_b', 'contact', 'Ed', '{{At1}}', '{{At3}}', '{"name":"Ed"}', '{"name":"obs_5"}');
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 1, 'ent_1', 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada"}', '{{At1}}', '{{At1}}'),
                   ('obs_2', 'usr_a', 'ent_2', 3, 'ent_2', 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bo"}', '{{At1}}', '{{At1}}'),
                   ('obs_4', 'usr_a', 'ent_4', 4, 'ent_4', 'run_2', 'structured', 'index:0', 100, 'accepted', '{"name":"Di"}', '{{At1}}', '{{At1}}');
            """);

        using var store = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await using var session = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var first = await session.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, null, false, new Strata.Core.Paging(Limit: 2)), CancellationToken.None);
        var second = await session.Entities.QueryAsync(
            new Strata.Core.Entities.EntityQuery(null, null, false, new Strata.Core.Paging(Limit: 2, Cursor: first.NextCursor)), CancellationToken.None);
        var (ofRun, total) = await session.Observations.EntitiesOfRunAsync("run_1", 10, CancellationToken.None);

        // Latest first, then by id within one time; only the user's own.
        Assert.Equal(["ent_4", "ent_2"], first.Items.Select(s => s.EntityId));
        Assert.Equal(["ent_3", "ent_1"], second.Items.Select(s => s.EntityId));
        Assert.Equal(new Dictionary<string, string> { ["name"] = "obs_3", ["title"] = "obs_3" }, second.Items[0].Provenance);
        Assert.Equal(["ent_1", "ent_2"], ofRun.Select(e => e.EntityId));
        Assert.Equal(2, total);
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var plan = check.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM entities WHERE user_row = (SELECT rowid FROM users WHERE id = 'usr_a') AND merged_into IS NULL ORDER BY updated_at DESC, id LIMIT 3";
        using var steps = plan.ExecuteReader();
        var detail = new List<string>();
        while (steps.Read()) detail.Add(steps.GetString(3));
        // Read in order, no sort; the user's rowid found once.
        Assert.Equal("SEARCH entities USING INDEX entities_by_user (user_row=?)", detail[0]);
        Assert.DoesNotContain(detail, step => step.Contains("B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blocking_keys_written_before_they_were_stored_compactly_still_find_the_same_blocks_and_take_new_keys()
    {
        const string At1 = "2026-01-01T00:00:01.0000000Z", At2 = "2026-01-01T00:00:02.0000000Z";
        var path = DatabaseMigratedBefore(35, $"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{At1}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada', '{At1}', '{At1}'), ('ent_2', 'usr_a', 'contact', 'Ada L', '{At1}', '{At1}');
            INSERT INTO duplicate_blocking_keys (user_id, entity_type, entity_id, block_key, snapshot_at, observations)
            VALUES ('usr_a', 'contact', 'ent_1', '', '{At1}', 1), ('usr_a', 'contact', 'ent_1', 'n:ada', '{At1}', 1),
                   ('usr_a', 'contact', 'ent_2', '', '{At1}', 1), ('usr_a', 'contact', 'ent_2', 'n:ada', '{At1}', 1),
                   ('usr_a', 'contact', 'ent_gone', 'n:ada', '{At2}', 1);
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await using var session = await store.OpenWriteAsync("usr_a", CancellationToken.None);
            var keyed = new Strata.Core.Duplicates.EntityKeys("ent_1", "contact", new HashSet<string> { "n:ada" });
            Assert.Contains(new Strata.Core.Duplicates.BlockMatch("ent_1", "ent_2"),
                await session.Duplicates.BlockMatchesAsync("contact", [keyed], 10, 0, CancellationToken.None));
            Assert.Equal(DateTimeOffset.Parse(At1, System.Globalization.CultureInfo.InvariantCulture),
                await session.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));

            await session.Duplicates.ReplaceKeysAsync(keyed, DateTimeOffset.Parse(At2, System.Globalization.CultureInfo.InvariantCulture), 2, CancellationToken.None);
            Assert.Equal(DateTimeOffset.Parse(At2, System.Globalization.CultureInfo.InvariantCulture),
                await session.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'duplicate_blocking_keys' AND sql LIKE '%WITHOUT ROWID%'";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
        // The key of an entity that was gone is not carried over; each entity's marker is its own row since 0540.
        command.CommandText = "SELECT (SELECT count(*) FROM duplicate_blocking_keys) || ' ' || (SELECT count(*) FROM duplicate_keyed)";
        Assert.Equal("2 2", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Relations_written_before_their_term_index_are_found_by_their_words_after_it()
    {
        DatabaseMigratedBefore(250, Strata.Storage.Compliance.UpgradedRelationTerms.Rows("2026-01-01T00:00:00.0000000Z"));
        using var store = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await Strata.Storage.Compliance.UpgradedRelationTerms.FoundByTheirWordsAsync(store);
    }

    [Fact]
    public async Task Observations_written_before_their_lean_layout_give_the_same_sources_times_history_and_entities_after_it()
    {
        const string At1 = "2026-01-01T00:00:01.1234567Z", At2 = "2026-01-01T00:00:02.0000000Z", At3 = "2026-01-01T00:00:03.0000000Z";
        var path = DatabaseMigratedBefore(310, $$"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{At1}}'), ('usr_b', 'b', 'free', '{{At1}}');
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
            VALUES ('src_1', 'usr_a', 'h1', 1, 'text/csv', 'stored', '{{At1}}'), ('src_2', 'usr_a', 'h2', 1, 'text/csv', 'stored', '{{At1}}');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_1', 'usr_a', 'src_1', 'csv', '1', '{}', 'c', 'completed', '{{At1}}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '{{At1}}', '{{At3}}', '{"name":"Ada Lovelace","email":"ada@example.com"}',
                    '{"name":"obs_1","email":"obs_3"}', 2, 'ada lovelace ada@example.com'),
                   ('ent_2', 'usr_a', 'contact', 'Bob Stone', '{{At1}}', '{{At2}}', '{"name":"Bob Stone","title":"Mason"}',
                    '{"name":"obs_2","title":"obs_4"}', 3, 'bob stone mason');
            INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities;
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, reason, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 1, 'ent_1', 'src_1', 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', NULL, '{{At1}}', '{{At1}}'),
                   ('obs_2', 'usr_a', 'ent_2', 2, 'ent_2', 'src_1', 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bob Stone"}', NULL, '{{At1}}', '{{At1}}'),
                   ('obs_3', 'usr_a', 'ent_1', 1, 'ent_1', NULL, NULL, 'correction', 'correction', 1000, 'accepted', '{"email":"ada@example.com"}', 'typo', '{{At3}}', '{{At3}}'),
                   ('obs_4', 'usr_a', 'ent_2', 2, 'ent_2', 'src_2', 'run_1', 'structured', 'index:2', 100, 'accepted', '{"title":"Mason"}', NULL, '{{At1}}', '{{At2}}'),
                   ('obs_5', 'usr_a', 'ent_2', 2, 'ent_2', NULL, 'run_1', 'structured', 'index:3', 100, 'accepted', '{}', NULL, '{{At2}}', '{{At2}}');
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedObservations.GiveTheSameAnswersAndFollowLaterWritesAsync(store);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // The run's source is left out of the row, times are integers; the time of writing only where it is not the observed
        // time (migration 0550).
        command.CommandText = "SELECT group_concat(id || ':' || coalesce(source_id, '-') || ':' || typeof(observed_at) || ',' || typeof(created_at), ' ') FROM (SELECT * FROM observations ORDER BY seq)";
        Assert.Equal("obs_1:-:integer,null obs_2:-:integer,null obs_3:-:integer,null obs_4:src_2:integer,integer obs_5::integer,null obs_6:-:integer,null obs_7:src_2:integer,null",
            (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Relation_observations_written_before_their_lean_layout_give_the_same_ends_sources_and_archive_after_it()
    {
        var path = DatabaseMigratedBefore(380, Strata.Storage.Compliance.UpgradedRelationObservations.Rows("2026-01-01T00:00:01.0000000Z"));

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedRelationObservations.GiveTheSameAnswersAndFollowLaterWritesAsync(store);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // First ends equal to the ends and the run's source are left out; a forgotten run's source is written back.
        command.CommandText = """
            SELECT group_concat(id || ':' || original_from_entity_id || ':' || original_to_entity_id || ':' || source_id, ' ')
            FROM (SELECT * FROM relation_observations ORDER BY seq)
            """;
        Assert.Equal("rel_1:::src_1 rel_2:::src_2 rel_3::: rel_4:::src_1 rel_5:::src_2", (string)command.ExecuteScalar()!);
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'relation_observations' AND type = 'index' AND name = 'relation_observations_by_run'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!); // 0385
    }

    private const string EntityRowsBefore430 = """
        INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                                                              ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
        INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
        VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:03.1234567Z',
                '{"name":"Ada Lovelace"}', '{"name":"obs_1"}', 1, 'ada lovelace'),
               ('ent_2', 'usr_a', 'contact', 'Bob Stone', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:02.0000000Z',
                '{"name":"Bob Stone"}', '{}', 0, 'bob stone'),
               ('ent_3', 'usr_a', 'company', 'Stone & Co', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:02.0000000Z',
                '{"name":"Stone & Co"}', '{}', 0, 'stone co'),
               ('ent_4', 'usr_b', 'contact', 'Ada Lovelace', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:09.0000000Z',
                '{"name":"Ada Lovelace"}', '{}', 0, 'ada lovelace');
        INSERT INTO entities (id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, search_text)
        VALUES ('ent_5', 'usr_a', 'contact', 'Bob S.', 'ent_2', '2026-01-01T00:00:04.5000000Z', '2026-01-01T00:00:00.5000000Z',
                '2026-01-01T00:00:00.5000000Z', '');
        INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities WHERE search_text <> '';
        INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
        VALUES ('src_1', 'usr_a', 'h1', 1, 'text/csv', 'stored', '2026-01-01T00:00:00.0000000Z');
        INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
        VALUES ('run_1', 'usr_a', 'src_1', 'csv', '1', '{}', 'c', 'completed', '2026-01-01T00:00:00.0000000Z');
        INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
        VALUES ('obs_1', 'usr_a', 'ent_1', 1, 'ent_1', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', 1767225601000000, 1767225601000000);
        INSERT INTO duplicate_blocking_keys (user_row, entity_type, entity_row, block_key, snapshot_at, observations)
        VALUES (1, 'contact', 1, '', '2026-01-01T00:00:03.1234567Z', 1), (1, 'contact', 1, 'n:lovelace', '2026-01-01T00:00:03.1234567Z', 1);
        """;

    [Fact]
    public async Task Entities_written_with_text_times_before_migration_430_list_page_search_merge_and_archive_the_same_after_it()
    {
        var path = DatabaseMigratedBefore(430, EntityRowsBefore430);
        var at = (string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                // The list's order, by type, with and without merged entities, and page by page through cursors.
                var listed = await session.Entities.QueryAsync(new(null, null, false, new()), CancellationToken.None);
                Assert.Equal(["ent_1", "ent_2", "ent_3"], listed.Items.Select(s => s.EntityId));
                var contacts = await session.Entities.QueryAsync(new("contact", null, true, new()), CancellationToken.None);
                Assert.Equal(["ent_1", "ent_2", "ent_5"], contacts.Items.Select(s => s.EntityId));
                var paged = new List<string>();
                string? cursor = null;
                do
                {
                    var page = await session.Entities.QueryAsync(new(null, null, true, new(Limit: 1, Cursor: cursor)), CancellationToken.None);
                    paged.AddRange(page.Items.Select(s => s.EntityId));
                    cursor = page.NextCursor;
                } while (cursor is not null);
                Assert.Equal(["ent_1", "ent_2", "ent_3", "ent_5"], paged);
                // Times keep their microseconds (as on PostgreSQL); the seventh digit of the old text is dropped.
                var ada = await session.Entities.GetSnapshotAsync("ent_1", CancellationToken.None);
                Assert.Equal(at("2026-01-01T00:00:03.123456Z"), ada!.UpdatedAt);
                Assert.Equal("obs_1", ada.Provenance["name"]);
                var merged = await session.Entities.GetAsync("ent_5", CancellationToken.None);
                Assert.Equal(("ent_2", at("2026-01-01T00:00:04.5Z"), at("2026-01-01T00:00:00.5Z")), (merged!.MergedInto, merged.MergedAt, merged.CreatedAt));
                Assert.Equal(at("2026-01-01T00:00:01Z"), (await session.Entities.GetManyAsync(["ent_2"], CancellationToken.None))["ent_2"].CreatedAt);
                // Every row kept its rowid: the full-text and word indexes and the observations still find their entity.
                Assert.Equal(["ent_1"], (await session.Entities.QueryAsync(new(null, "lovelace", false, new()), CancellationToken.None)).Items.Select(s => s.EntityId));
                Assert.Equal(["ent_2", "ent_3"], (await session.Entities.QueryAsync(new(null, "stone", false, new()), CancellationToken.None)).Items.Select(s => s.EntityId));
                Assert.Equal(["obs_1"], (await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None)).Select(o => o.Id));
                Assert.Equal(at("2026-01-01T00:00:03.123456Z"), await session.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));
                // The duplicate scan sees ent_1 as keyed from its current snapshot (same time, same count): not changed.
                Assert.Equal(["ent_2"], (await session.Duplicates.ChangedAsync("contact", at("2026-01-01T00:00:00Z"), null, 10, CancellationToken.None))
                    .Select(e => e.Id));
                // The archive carries the times as text and no rowid.
                var rows = new List<Strata.Core.Archive.ArchiveRow>();
                await foreach (var row in session.Archive.ReadAsync("entities", CancellationToken.None)) rows.Add(row);
                var first = rows.Single(r => (string)r.Values.Single(v => v.Key == "id").Value! == "ent_1").Values.ToDictionary(v => v.Key, v => v.Value);
                Assert.Equal(("2026-01-01T00:00:01.0000000Z", "2026-01-01T00:00:03.1234560Z", null),
                    ((string?)first["created_at"], (string?)first["updated_at"], (string?)first["merged_at"]));
                Assert.DoesNotContain("rowid", first.Keys);
                Assert.Equal("2026-01-01T00:00:04.5000000Z", rows.Single(r => (string)r.Values.Single(v => v.Key == "id").Value! == "ent_5").Values.Single(v => v.Key == "merged_at").Value);
            }
            await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
            {
                Assert.Equal(["ent_4"], (await other.Entities.QueryAsync(new(null, null, true, new()), CancellationToken.None)).Items.Select(s => s.EntityId));
                Assert.Null(await other.Entities.GetAsync("ent_1", CancellationToken.None));
            }
            // Later writes take the integer form and sort with the carried rows.
            await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.True(await session.Entities.InsertAsync(new Strata.Core.Entities.Entity("ent_6", "usr_a", "contact", "Cy Young", null, null,
                    at("2026-01-01T00:00:02.5Z")), CancellationToken.None));
                await session.Entities.MarkMergedAsync("ent_3", "ent_2", at("2026-01-01T00:00:05Z"), CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
            }
            await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(["ent_1", "ent_6", "ent_2"], (await session.Entities.QueryAsync(new(null, null, false, new()), CancellationToken.None)).Items.Select(s => s.EntityId));
                Assert.Equal(at("2026-01-01T00:00:05Z"), (await session.Entities.GetAsync("ent_3", CancellationToken.None))!.MergedAt);
            }
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(id || ':' || rowid || ':' || typeof(updated_at) || ':' || typeof(created_at), ' ') FROM (SELECT * FROM entities ORDER BY rowid)) || ' ' ||
                   (SELECT group_concat(DISTINCT typeof(snapshot_at)) FROM duplicate_keyed) || ' ' ||
                   (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("ent_1:1:integer:integer ent_2:2:integer:integer ent_3:3:integer:integer ent_4:4:integer:integer ent_5:5:integer:integer ent_6:6:integer:integer integer 0",
            (string)command.ExecuteScalar()!);
    }

    /// <summary>usr_a and usr_b, and usr_a's run_1 of src_1: what the observation layout tests' rows refer to.</summary>
    private const string TwoUsersAndARun = """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                                                                  ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
            VALUES ('src_1', 'usr_a', 'h1', 1, 'text/csv', 'stored', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_1', 'usr_a', 'src_1', 'csv', '1', '{}', 'c', 'completed', '2026-01-01T00:00:00.0000000Z');
        """;

    [Fact]
    public async Task Observations_written_before_migration_450_keep_their_fields_once_and_read_back_the_same_through_every_later_change()
    {
        // ent_1: one observation, its snapshot; ent_2: two, the snapshot is obs_2b's; ent_3 (to be merged into ent_2): one;
        // usr_b's ent_4: one, the same text as ent_1's.
        var path = DatabaseMigratedBefore(450, TwoUsersAndARun + """
            INSERT INTO entities (rowid, id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES (1, 'ent_1', 'usr_a', 'contact', 'Ada Lovelace', 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_1"', 1, 'ada lovelace'),
                   (2, 'ent_2', 'usr_a', 'contact', 'Bob Stone', 1767225601000000, 1767225602000000, '{"name":"Bob Stone","title":"Mason"}', '"obs_2b"', 2, 'bob stone mason'),
                   (3, 'ent_3', 'usr_a', 'contact', 'Bob S.', 1767225601000000, 1767225601000000, '{"name":"Bob S."}', '"obs_3"', 1, 'bob s.'),
                   (4, 'ent_4', 'usr_b', 'contact', 'Ada Lovelace', 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_4"', 1, 'ada lovelace');
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 1, 'ent_1', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', 1767225601000000, 1767225601000000),
                   ('obs_2a', 'usr_a', 'ent_2', 2, 'ent_2', NULL, 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bob Stone"}', 1767225601000000, 1767225601000000),
                   ('obs_2b', 'usr_a', 'ent_2', 2, 'ent_2', NULL, 'run_1', 'structured', 'index:2', 100, 'accepted', '{"name":"Bob Stone","title":"Mason"}', 1767225602000000, 1767225602000000),
                   ('obs_3', 'usr_a', 'ent_3', 3, 'ent_3', NULL, 'run_1', 'structured', 'index:3', 100, 'accepted', '{"name":"Bob S."}', 1767225601000000, 1767225601000000),
                   ('obs_4', 'usr_b', 'ent_4', 4, 'ent_4', NULL, NULL, 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', 1767225601000000, 1767225601000000);
            """);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1767225603000);
        var fields = (string json) => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(json)!;
        var asText = (Strata.Core.Observations.Observation o) => o.Id + "=" + System.Text.Json.JsonSerializer.Serialize(o.Fields);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(["obs_1={\"name\":\"Ada Lovelace\"}"], (await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None)).Select(asText));
                Assert.Equal(["obs_2a={\"name\":\"Bob Stone\"}", "obs_2b={\"name\":\"Bob Stone\",\"title\":\"Mason\"}"],
                    (await session.Observations.ListForEntityAsync("ent_2", null, CancellationToken.None)).Select(asText));
                Assert.Equal("{\"name\":\"Bob S.\"}", System.Text.Json.JsonSerializer.Serialize((await session.Observations.GetAsync("obs_3", CancellationToken.None))!.Fields));
                Assert.Equal(["obs_1", "obs_3"], (await session.Observations.GetManyAsync(["obs_1", "obs_3", "obs_4"], CancellationToken.None)).Keys.Order());
                // The archive carries each observation's own fields.
                var archived = new List<string>();
                await foreach (var row in session.Archive.ReadAsync("observations", CancellationToken.None))
                {
                    var values = row.Values.ToDictionary(v => v.Key, v => v.Value);
                    archived.Add(values["id"] + "=" + values["fields_json"]);
                }
                Assert.Equal(["obs_1={\"name\":\"Ada Lovelace\"}", "obs_2a={\"name\":\"Bob Stone\"}", "obs_2b={\"name\":\"Bob Stone\",\"title\":\"Mason\"}",
                    "obs_3={\"name\":\"Bob S.\"}"], archived);
            }
            await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
            {
                Assert.Equal(["obs_4={\"name\":\"Ada Lovelace\"}"], (await other.Observations.ListForEntityAsync("ent_4", null, CancellationToken.None)).Select(asText));
                Assert.Null(await other.Observations.GetAsync("obs_1", CancellationToken.None));
            }
            Assert.Equal("obs_1: obs_2a:{\"name\":\"Bob Stone\"} obs_2b: obs_3: obs_4:", StoredFields(path));

            // Later writes: a new entity and its first observation (stored once); ent_3's observation moves to ent_2 (a merge),
            // taking its own text; a correction on ent_1 changes its snapshot, so obs_1 gets its text back and the
            // correction, which won every field, is kept once.
            await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                var created = new Strata.Core.Entities.Entity("ent_5", "usr_a", "contact", "Cy Young", null, null, at);
                Assert.True(await session.Entities.InsertAsync(created, CancellationToken.None));
                Assert.True(await session.Observations.InsertAsync(new("obs_5", "usr_a", "ent_5", null, "run_1", "structured", "index:4", 100, "accepted",
                    fields("{}"), null, at, at), CancellationToken.None));
                Assert.Equal(1, await session.Observations.MoveAsync("ent_3", "ent_2", CancellationToken.None));
                Assert.True(await session.Observations.InsertAsync(new("obs_1c", "usr_a", "ent_1", null, null, "correction", "correction", 1000, "accepted",
                    fields("{\"name\":\"Ada King\"}"), "married", at, at), CancellationToken.None));
                await session.CommitAsync(CancellationToken.None);
            }
        }
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, """UPDATE entities SET fields_json = '{"name":"Ada King"}', provenance_json = '"obs_1c"' WHERE id = 'ent_1'""");
            Execute(connection, "DELETE FROM observations WHERE id = 'obs_2a'");
        }
        Assert.Equal("""obs_1:{"name":"Ada Lovelace"} obs_2b: obs_3:{"name":"Bob S."} obs_4: obs_5: obs_1c:""", StoredFields(path));
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(["obs_1={\"name\":\"Ada Lovelace\"}", "obs_1c={\"name\":\"Ada King\"}"],
                (await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None)).Select(asText));
            Assert.Equal(["obs_2b={\"name\":\"Bob Stone\",\"title\":\"Mason\"}", "obs_3={\"name\":\"Bob S.\"}"],
                (await session.Observations.ListForEntityAsync("ent_2", null, CancellationToken.None)).Select(asText));
            Assert.Equal(["obs_5={}"], (await session.Observations.ListForEntityAsync("ent_5", null, CancellationToken.None)).Select(asText));
        }
        // An entity row deleted while an observation still names it (foreign keys off: a store damaged by hand) gives it
        // its text first.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA foreign_keys = OFF; DELETE FROM entities WHERE id = 'ent_5'");
        }
        Assert.Equal("""obs_1:{"name":"Ada Lovelace"} obs_2b: obs_3:{"name":"Bob S."} obs_4: obs_5:{} obs_1c:""", StoredFields(path));
    }

    [Fact]
    public async Task Observations_written_before_migration_460_name_their_first_entity_only_while_they_are_elsewhere_and_read_back_the_same()
    {
        // ent_1 holds obs_1 (written to it); ent_2 holds obs_2 (written to it) and obs_3 (written to ent_3, merged into ent_2);
        // usr_b's ent_4 holds obs_4.
        var path = DatabaseMigratedBefore(460, TwoUsersAndARun + """
            INSERT INTO entities (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES (1, 'ent_1', 'usr_a', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_1"', 1, 'ada lovelace'),
                   (2, 'ent_2', 'usr_a', 'contact', 'Bob Stone', NULL, NULL, 1767225601000000, 1767225602000000, '{"name":"Bob Stone"}', '"obs_2"', 2, 'bob stone'),
                   (3, 'ent_3', 'usr_a', 'contact', 'Bob S.', 'ent_2', 1767225602000000, 1767225601000000, 1767225602000000, '{"name":"Bob S."}', '"obs_3"', 0, 'bob s.'),
                   (4, 'ent_4', 'usr_b', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_4"', 1, 'ada lovelace');
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 1, 'ent_1', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', 1767225601000000, 1767225601000000),
                   ('obs_2', 'usr_a', 'ent_2', 2, 'ent_2', NULL, 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bob Stone"}', 1767225601000000, 1767225601000000),
                   ('obs_3', 'usr_a', 'ent_2', 2, 'ent_3', NULL, 'run_1', 'structured', 'index:2', 100, 'accepted', '{"name":"Bob S."}', 1767225601000000, 1767225601000000),
                   ('obs_4', 'usr_b', 'ent_4', 4, 'ent_4', NULL, NULL, 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', 1767225601000000, 1767225601000000);
            """);
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedObservationOriginals.GiveTheSameAnswersAndFollowMovesAsync(store, () => Task.FromResult(StoredOriginals(path)));
        }
        // A statement that names the first entity itself as it moves a row is taken at its word.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "UPDATE observations SET entity_id = 'ent_1', original_entity_id = 'ent_3' WHERE id = 'obs_5'");
        }
        Assert.Equal("obs_1: obs_2: obs_3: obs_4: obs_5:ent_3", StoredOriginals(path));
    }

    /// <summary>Each observation's original entity as its row keeps it, in seq order.</summary>
    private static string StoredOriginals(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(id || ':' || original_entity_id, ' ') FROM (SELECT * FROM observations ORDER BY seq)";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Each observation's fields as its row keeps them, in seq order.</summary>
    private static string StoredFields(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(id || ':' || fields_json, ' ') FROM (SELECT * FROM observations ORDER BY seq)";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void A_migration_that_would_leave_a_reference_naming_nothing_is_not_applied_and_leaves_the_store_as_it_was()
    {
        // An observation whose entity row is missing, written with the checks off (a store damaged by hand): 0430's check
        // before it commits finds it, and the rebuild is rolled back.
        var path = DatabaseMigratedBefore(430, EntityRowsBefore430 + """
            PRAGMA foreign_keys = OFF;
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_9', 'usr_a', 'ent_gone', 99, 'ent_gone', NULL, 'run_1', 'structured', 'index:1', 100, 'accepted', '{}', 1767225601000000, 1767225601000000);
            """);

        var failure = Assert.ThrowsAny<Exception>(() => _database.Open(TimeProvider.System));
        Assert.Contains("0430_layout_entity_times.sql would leave rows naming rows that are not there", failure.ToString());
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT typeof(updated_at) FROM entities WHERE id = 'ent_1') || ' ' ||
                   (SELECT COUNT(*) FROM schema_migrations WHERE version >= 430) || ' ' ||
                   (SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_lean')
            """;
        Assert.Equal("text 0 0", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Relation_observations_written_with_text_times_before_migration_440_hold_rank_search_and_archive_the_same_after_it()
    {
        // ent_a knows ent_b: rel_1 (observed at 1 s), then rel_2 (observed at 2.1234567 s) retracting it; ent_a works_at
        // ent_c valid from 5 s to 9 s (rel_3); ent_a likes ent_d from 7 s on (rel_4, effective then); rel_9 (the newest
        // seq) was deleted, so the next relation must not take its seq; usr_b's rel_5.
        var path = DatabaseMigratedBefore(440, TwoUsersWithARunEach + """
            INSERT INTO relation_observations (id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
                original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
            VALUES ('rel_1', 'usr_a', 'ent_a', 'knows', 'ent_b', '', '', 'asserted', '{"since":"school"}', NULL, NULL,
                    '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 100, 'run_1', ''),
                   ('rel_2', 'usr_a', 'ent_a', 'knows', 'ent_b', '', '', 'retracted', '{}', NULL, NULL,
                    '2026-01-01T00:00:02.1234567Z', '2026-01-01T00:00:02.1234567Z', 100, 'run_1', ''),
                   ('rel_3', 'usr_a', 'ent_a', 'works_at', 'ent_c', '', '', 'asserted', '{"team":"archives"}', '2026-01-01T00:00:05.0000000Z',
                    '2026-01-01T00:00:09.0000000Z', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 100, 'run_1', ''),
                   ('rel_4', 'usr_a', 'ent_a', 'likes', 'ent_d', '', '', 'asserted', '{}', NULL, NULL,
                    '2026-01-01T00:00:07.0000000Z', '2026-01-01T00:00:07.0000000Z', 100, 'run_1', ''),
                   ('rel_5', 'usr_b', 'ent_a', 'knows', 'ent_b', '', '', 'asserted', '{}', NULL, NULL,
                    '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 100, 'run_2', ''),
                   ('rel_9', 'usr_a', 'ent_a', 'knows', 'ent_z', '', '', 'asserted', '{}', NULL, NULL,
                    '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z', 100, 'run_1', '');
            INSERT INTO relation_terms (user_id, term, observation_id) VALUES ('usr_a', 'archives', 'rel_3'), ('usr_a', 'school', 'rel_1'),
                ('usr_b', 'knows', 'rel_5');
            DELETE FROM relation_observations WHERE id = 'rel_9';
            """);
        var at = (double seconds) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> HoldingAsync(string user, double seconds)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Relations.HoldingAsync(["ent_a"], at(seconds), CancellationToken.None))
                    .Select(o => $"{o.Id} {o.RelationType} {o.ToEntityId}").ToArray();
            }
            // Before the retraction, then after it; validity and effective times against the time asked.
            Assert.Equal(["rel_1 knows ent_b"], await HoldingAsync("usr_a", 1.5));
            Assert.Equal(["rel_1 knows ent_b"], await HoldingAsync("usr_a", 2.123455));
            Assert.Empty(await HoldingAsync("usr_a", 2.123456));
            Assert.Equal(["rel_3 works_at ent_c"], await HoldingAsync("usr_a", 5));
            Assert.Equal(["rel_4 likes ent_d", "rel_3 works_at ent_c"], await HoldingAsync("usr_a", 8));
            Assert.Equal(["rel_4 likes ent_d"], await HoldingAsync("usr_a", 9));
            Assert.Equal(["rel_5 knows ent_b"], await HoldingAsync("usr_b", 9));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                var history = await read.Relations.HistoryAsync("ent_a", "knows", "ent_b", CancellationToken.None);
                Assert.Equal([("rel_1", at(1)), ("rel_2", at(2.123456))], history.Select(o => (o.Id, o.ObservedAt)));
                var works = (await read.Relations.HoldingAsync(["ent_c"], at(6), CancellationToken.None)).Single();
                Assert.Equal((at(5), at(9), at(1)), (works.ValidFrom, works.ValidTo, works.EffectiveAt));
                // Text, newest observed first; the term index still names its observations.
                Assert.Equal(["rel_4", "rel_3"], (await read.Relations.ListTextAsync(["ent_a"], at(8), 10, CancellationToken.None)).Select(t => t.ObservationId));
                var found = await read.Relations.FindByTermsAsync(["archives", "school"], at(1.5), 100, 10, CancellationToken.None);
                Assert.Equal(["rel_1"], found.Relations.Select(t => t.ObservationId));
                var archives = (await read.Relations.FindByTermsAsync(["archives"], at(6), 100, 10, CancellationToken.None)).Relations.Single();
                Assert.Equal(("rel_3", at(5), at(9)), (archives.ObservationId, archives.ValidFrom, archives.ValidTo));
                // The archive carries the times as text.
                var rows = new List<Dictionary<string, object?>>();
                await foreach (var row in read.Archive.ReadAsync("relation_observations", CancellationToken.None)) rows.Add(row.Values.ToDictionary(v => v.Key, v => v.Value));
                Assert.Equal([("rel_1", null, "2026-01-01T00:00:01.0000000Z"), ("rel_2", null, "2026-01-01T00:00:02.1234560Z"),
                    ("rel_3", "2026-01-01T00:00:09.0000000Z", "2026-01-01T00:00:01.0000000Z"), ("rel_4", null, "2026-01-01T00:00:07.0000000Z")],
                    rows.Select(r => ((string)r["id"]!, (string?)r["valid_to"], (string)r["observed_at"]!)));
            }
            // A later relation takes a seq after the deleted rel_9's and ranks by its integer time.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(1, await write.Relations.InsertAsync([new Strata.Core.Relations.RelationObservation("rel_6", "ent_a", "knows", "ent_b",
                    Strata.Core.Relations.RelationStates.Asserted, "{}", null, null, at(3), at(3), 100, "run_1", "src_1")], CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["rel_6 knows ent_b", "rel_4 likes ent_d", "rel_3 works_at ent_c"], await HoldingAsync("usr_a", 8));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(id || ':' || seq || ':' || typeof(observed_at) || ':' || typeof(valid_to), ' ') FROM (SELECT * FROM relation_observations ORDER BY seq)) || ' ' ||
                   (SELECT COUNT(*) FROM relation_terms t JOIN relation_observations o ON o.seq = t.relation_row WHERE o.id IN ('rel_1', 'rel_3', 'rel_5')) || ' ' || (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("rel_1:1:integer:null rel_2:2:integer:null rel_3:3:integer:integer rel_4:4:integer:null rel_5:5:integer:null rel_6:7:integer:null 3 0",
            (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Relation_terms_named_by_text_ids_before_migration_490_find_the_same_relations_travel_and_go_with_them_after_it()
    {
        // usr_a: ent_a works_at ent_c on the archives team (rel_1), ent_b knows ent_a (rel_2); usr_b: a relation of the
        // same words (rel_3). Times are the integers of 0440 (1 s after the epoch of 2026-01-01 is 1767225601000000).
        var path = DatabaseMigratedBefore(490, TwoUsersWithARunEach + """
            INSERT INTO relation_observations (id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
                original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
            VALUES ('rel_1', 'usr_a', 'ent_a', 'works_at', 'ent_c', '', '', 'asserted', '{"team":"archives"}', NULL, NULL,
                    1767225601000000, 1767225601000000, 100, 'run_1', ''),
                   ('rel_2', 'usr_a', 'ent_b', 'knows', 'ent_a', '', '', 'asserted', '{}', NULL, NULL,
                    1767225602000000, 1767225602000000, 100, 'run_1', ''),
                   ('rel_3', 'usr_b', 'ent_x', 'works_at', 'ent_y', '', '', 'asserted', '{"team":"archives"}', NULL, NULL,
                    1767225601000000, 1767225601000000, 100, 'run_2', '');
            INSERT INTO relation_terms (user_id, term, observation_id) VALUES ('usr_a', 'work', 'rel_1'), ('usr_a', 'archiv', 'rel_1'),
                ('usr_a', 'know', 'rel_2'), ('usr_b', 'work', 'rel_3'), ('usr_b', 'archiv', 'rel_3');
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> FindAsync(string user, params string[] terms)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Relations.FindByTermsAsync(terms, later, 100, 10, CancellationToken.None)).Relations
                    .Select(t => $"{t.ObservationId} {t.Text}").ToArray();
            }
            Assert.Equal(["rel_1 ent_a works_at ent_c"], await FindAsync("usr_a", "archiv"));
            Assert.Equal(["rel_2 ent_b knows ent_a", "rel_1 ent_a works_at ent_c"], await FindAsync("usr_a", "work", "know"));
            Assert.Equal(["rel_3 ent_x works_at ent_y"], await FindAsync("usr_b", "work", "know"));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                // Cut at one posting: said, and at most one relation.
                var cut = await read.Relations.FindByTermsAsync(["work", "know"], later, 1, 10, CancellationToken.None);
                Assert.True(cut.PostingsCut);
                Assert.Single(cut.Relations);
                // The archive carries the terms by observation id, as before.
                var rows = new List<(string, string)>();
                await foreach (var row in read.Archive.ReadAsync("relation_terms", CancellationToken.None))
                {
                    rows.Add(((string)row.Values.Single(v => v.Key == "term").Value!, (string)row.Values.Single(v => v.Key == "observation_id").Value!));
                }
                Assert.Equal([("archiv", "rel_1"), ("know", "rel_2"), ("work", "rel_1")], rows);
            }
            // A relation written after the migration is found by its words; forgetting an end takes its relations' words.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                await write.Relations.InsertAsync([new Strata.Core.Relations.RelationObservation("rel_4", "ent_b", "works_at", "ent_c",
                    Strata.Core.Relations.RelationStates.Asserted, "{}", null, null, later.AddHours(-1), later.AddHours(-1), 100, "run_1", "src_1")],
                    CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["rel_4 ent_b works_at ent_c", "rel_1 ent_a works_at ent_c"], await FindAsync("usr_a", "work"));
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                await write.Entities.DeleteAsync(["ent_a"], CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["rel_4 ent_b works_at ent_c"], await FindAsync("usr_a", "work", "know", "archiv"));
            Assert.Equal(["rel_3 ent_x works_at ent_y"], await FindAsync("usr_b", "work", "know"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(u.id || ':' || t.term || ':' || o.id, ' ') FROM (SELECT * FROM relation_terms ORDER BY user_row, term, relation_row) t
                JOIN users u ON u.rowid = t.user_row JOIN relation_observations o ON o.seq = t.relation_row) || ' ' || (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("usr_a:work:rel_4 usr_a:works_at:rel_4 usr_b:archiv:rel_3 usr_b:work:rel_3 0", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Relation_observations_named_by_user_id_before_migration_500_answer_each_user_the_same_after_it()
    {
        // usr_a: ent_a knows ent_b (rel_1) and a profile relation ent_a memory:likes ent_c (rel_2); usr_b: the same ends
        // (rel_3); rel_9 (the newest seq) was deleted. usr_c, with no relations yet, takes usr_a's archive after.
        var path = DatabaseMigratedBefore(500, TwoUsersWithARunEach + """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_c', 'c', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO relation_observations (id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
                original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
            VALUES ('rel_1', 'usr_a', 'ent_a', 'knows', 'ent_b', '', '', 'asserted', '{"since":"school"}', NULL, NULL,
                    1767225601000000, 1767225601000000, 100, 'run_1', ''),
                   ('rel_2', 'usr_a', 'ent_a', 'memory:likes', 'ent_c', '', '', 'asserted', '{}', NULL, NULL,
                    1767225602000000, 1767225602000000, 100, 'run_1', ''),
                   ('rel_3', 'usr_b', 'ent_a', 'knows', 'ent_b', '', '', 'asserted', '{}', NULL, NULL,
                    1767225601000000, 1767225601000000, 100, 'run_2', ''),
                   ('rel_9', 'usr_a', 'ent_a', 'knows', 'ent_z', '', '', 'asserted', '{}', NULL, NULL,
                    1767225601000000, 1767225601000000, 100, 'run_1', '');
            INSERT INTO relation_terms (user_row, term, relation_row) VALUES
                ((SELECT rowid FROM users WHERE id = 'usr_a'), 'school', 1), ((SELECT rowid FROM users WHERE id = 'usr_b'), 'know', 3);
            DELETE FROM relation_observations WHERE id = 'rel_9';
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> HoldingAsync(string user, string entity = "ent_a")
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Relations.HoldingAsync([entity], later, CancellationToken.None))
                    .Select(o => $"{o.Id} {o.FromEntityId} {o.RelationType} {o.ToEntityId}").ToArray();
            }
            // Each user sees their own rows, by either end, and nothing of the other's.
            Assert.Equal(["rel_1 ent_a knows ent_b", "rel_2 ent_a memory:likes ent_c"], await HoldingAsync("usr_a"));
            Assert.Equal(["rel_1 ent_a knows ent_b"], await HoldingAsync("usr_a", "ent_b"));
            Assert.Equal(["rel_3 ent_a knows ent_b"], await HoldingAsync("usr_b"));
            Assert.Empty(await HoldingAsync("usr_c"));
            var archived = new List<Strata.Core.Archive.ArchiveRow>();
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(["rel_1"], (await read.Relations.HistoryAsync("ent_a", "knows", "ent_b", CancellationToken.None)).Select(o => o.Id));
                Assert.Equal(["ent_a memory:likes ent_c"], (await read.Relations.ListOfTypePrefixAsync("memory:", 1 << 20, CancellationToken.None))!
                    .Select(r => $"{r.FromEntityId} {r.RelationType} {r.ToEntityId}"));
                Assert.Equal(["rel_1"], (await read.Relations.FindByTermsAsync(["school", "know"], later, 100, 10, CancellationToken.None)).Relations.Select(t => t.ObservationId));
                Assert.Equal(["rel_2", "rel_1"], (await read.Relations.ListTextAsync(["ent_a"], later, 10, CancellationToken.None)).Select(t => t.ObservationId));
                await foreach (var row in read.Archive.ReadAsync("relation_observations", CancellationToken.None)) archived.Add(row);
            }
            Assert.Equal(["rel_1", "rel_2"], archived.Select(r => (string)r.Values.Single(v => v.Key == "id").Value!));
            Assert.DoesNotContain(archived.SelectMany(r => r.Values), v => v.Key is "user_id" or "user_row");
            // A merge moves usr_a's ends only; its undo puts them back.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(2, await write.Relations.MoveEndpointsAsync("ent_a", "ent_m", CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["rel_1 ent_m knows ent_b", "rel_2 ent_m memory:likes ent_c"], await HoldingAsync("usr_a", "ent_m"));
            Assert.Equal(["rel_3 ent_a knows ent_b"], await HoldingAsync("usr_b"));
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(2, await write.Relations.RestoreEndpointsAsync("ent_a", "ent_m", CancellationToken.None));
                // A later relation takes a seq after the deleted rel_9's.
                Assert.Equal(1, await write.Relations.InsertAsync([new Strata.Core.Relations.RelationObservation("rel_4", "ent_b", "knows", "ent_a",
                    Strata.Core.Relations.RelationStates.Asserted, "{}", null, null, later.AddHours(-1), later.AddHours(-1), 100, "run_1", "src_1")],
                    CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["rel_1 ent_a knows ent_b", "rel_4 ent_b knows ent_a", "rel_2 ent_a memory:likes ent_c"], await HoldingAsync("usr_a"));
            // usr_a's archive loaded for usr_c (its ids renamed: an id names one row in a store): the same relations, usr_c's own.
            await using (var write = await store.OpenWriteAsync("usr_c", CancellationToken.None))
            {
                foreach (var row in archived)
                {
                    var renamed = new Strata.Core.Archive.ArchiveRow(row.Values
                        .Select(v => v.Key == "id" ? new KeyValuePair<string, object?>("id", "c" + v.Value) : v).ToList());
                    Assert.True(await write.Archive.InsertAsync("relation_observations", renamed, CancellationToken.None));
                }
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["crel_1 ent_a knows ent_b", "crel_2 ent_a memory:likes ent_c"], await HoldingAsync("usr_c"));
            // Forgetting usr_b's ent_b takes usr_b's relation only.
            await using (var write = await store.OpenWriteAsync("usr_b", CancellationToken.None))
            {
                await write.Entities.DeleteAsync(["ent_b"], CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Empty(await HoldingAsync("usr_b"));
            Assert.Equal(["rel_1 ent_a knows ent_b", "rel_4 ent_b knows ent_a", "rel_2 ent_a memory:likes ent_c"], await HoldingAsync("usr_a"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // Every row names its user by rowid; the profile relations' writes counted for their users (usr_a: the merge, its
        // undo; usr_c: the archive's row); the terms find their rows (usr_b's went with rel_3); no dangling reference.
        command.CommandText = """
            SELECT (SELECT group_concat(o.id || ':' || o.seq || ':' || u.id, ' ') FROM (SELECT * FROM relation_observations ORDER BY seq) o
                    JOIN users u ON u.rowid = o.user_row) || ' ' ||
                   (SELECT group_concat(user_id, ',') FROM (SELECT user_id FROM memory_generations ORDER BY user_id)) || ' ' ||
                   (SELECT group_concat(t.term || ':' || o.id, ',') FROM (SELECT * FROM relation_terms ORDER BY relation_row, term) t
                    JOIN relation_observations o ON o.seq = t.relation_row) || ' ' ||
                   (SELECT COUNT(*) FROM pragma_table_info('relation_observations') WHERE name = 'user_id') || ' ' ||
                   (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("rel_1:1:usr_a rel_2:2:usr_a rel_4:5:usr_a crel_1:6:usr_c crel_2:7:usr_c usr_a,usr_c school:rel_1,know:rel_4 0 0", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Entities_named_by_user_id_before_migration_520_answer_each_user_the_same_after_it()
    {
        // usr_a: ent_a (Ada Lovelace), ent_b (Bob Stone), ent_m (a profile entity); usr_b: ent_x (Ada Lovelace too).
        // usr_c takes usr_a's archive. The search index is written as the store writes it.
        var path = DatabaseMigratedBefore(520, TwoUsersWithARunEach + """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_c', 'c', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, provenance_json, observation_count, search_text, memory_text, memory_name, memory_state)
            VALUES (1, 'ent_a', 'usr_a', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_1"', 1, 'ada lovelace', NULL, NULL, NULL),
                   (2, 'ent_b', 'usr_a', 'contact', 'Bob Stone', NULL, NULL, 1767225601000000, 1767225602000000, '{"name":"Bob Stone"}', '{}', 0, 'bob stone', NULL, NULL, NULL),
                   (3, 'ent_m', 'usr_a', 'memory_entity', 'Robo', NULL, NULL, 1767225601000000, 1767225603000000, '{"name":"Robo"}', '{}', 0, 'robo', 'robo robot', 'Robo', '[]'),
                   (4, 'ent_x', 'usr_b', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_4"', 1, 'ada lovelace', NULL, NULL, NULL);
            INSERT INTO entities_fts (rowid, search_text) VALUES (1, 'ada lovelace'), (2, 'bob stone'), (3, 'robo'), (4, 'ada lovelace');
            INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 1, '', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '', 1767225601000000, 1767225601000000),
                   ('obs_4', (SELECT rowid FROM users WHERE id = 'usr_b'), 'ent_x', 4, '', NULL, 'run_2', 'structured', 'index:0', 100, 'accepted', '', 1767225601000000, 1767225601000000);
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> ListAsync(string user, string? type = null, string? text = null)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                var page = await read.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(type, text, false, new Strata.Core.Paging()), CancellationToken.None);
                return page.Items.Select(s => s.EntityId).ToArray();
            }
            // Each user lists, filters and searches their own entities, newest first; another user's ids answer as missing.
            Assert.Equal(["ent_m", "ent_b", "ent_a"], await ListAsync("usr_a"));
            Assert.Equal(["ent_b", "ent_a"], await ListAsync("usr_a", "contact"));
            Assert.Equal(["ent_a"], await ListAsync("usr_a", text: "ada"));
            Assert.Equal(["ent_x"], await ListAsync("usr_b"));
            Assert.Equal(["ent_x"], await ListAsync("usr_b", text: "lovelace"));
            Assert.Empty(await ListAsync("usr_c"));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(("usr_a", "Ada Lovelace"), ((await read.Entities.GetAsync("ent_a", CancellationToken.None))!.UserId,
                    (await read.Entities.GetAsync("ent_a", CancellationToken.None))!.CanonicalName));
                Assert.Null(await read.Entities.GetAsync("ent_x", CancellationToken.None));
                Assert.Null(await read.Entities.GetSnapshotAsync("ent_x", CancellationToken.None));
                Assert.Equal(["ent_a"], (await read.Entities.GetManyAsync(["ent_a", "ent_x"], CancellationToken.None)).Keys);
                Assert.Equal(["contact", "memory_entity"], await read.Entities.ListTypesAsync(false, CancellationToken.None));
                Assert.Equal(["ent_m"], (await read.Entities.ListMemoryTextsAsync(CancellationToken.None)).Select(m => m.EntityId));
            }
            // A merge marks usr_a's row only; a new entity is usr_a's and counts a profile write for usr_a.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                await write.Entities.MarkMergedAsync("ent_b", "ent_a", later, CancellationToken.None);
                await write.Entities.MarkMergedAsync("ent_x", "ent_a", later, CancellationToken.None);
                Assert.True(await write.Entities.InsertAsync(new Strata.Core.Entities.Entity("ent_n", "usr_a", "memory_entity", "Nell", null, null, later),
                    CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["ent_n", "ent_m", "ent_a"], await ListAsync("usr_a"));
            Assert.Equal(["ent_x"], await ListAsync("usr_b"));
            // usr_a's archive loaded for usr_c (ids renamed): the same entities, usr_c's own.
            var archived = new List<Strata.Core.Archive.ArchiveRow>();
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                await foreach (var row in read.Archive.ReadAsync("entities", CancellationToken.None)) archived.Add(row);
            }
            Assert.Equal(4, archived.Count);
            Assert.DoesNotContain(archived.SelectMany(r => r.Values), v => v.Key is "user_id" or "user_row" or "rowid");
            await using (var write = await store.OpenWriteAsync("usr_c", CancellationToken.None))
            {
                foreach (var row in archived)
                {
                    var renamed = new Strata.Core.Archive.ArchiveRow(row.Values.Select(v => v.Key is "id" or "merged_into" && v.Value is string id
                        ? new KeyValuePair<string, object?>(v.Key, "c" + id) : v).ToList());
                    Assert.True(await write.Archive.InsertAsync("entities", renamed, CancellationToken.None));
                }
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["cent_n", "cent_m", "cent_a"], await ListAsync("usr_c"));
            Assert.Equal(["cent_a"], await ListAsync("usr_c", text: "ada"));
            // Forgetting: another user's entity is not touched; usr_b's own goes.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(0, await write.Entities.DeleteAsync(["ent_x"], CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["ent_x"], await ListAsync("usr_b"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // Every row names its user by rowid and keeps its rowid; no user_id column is left; the list index leads with the
        // user's rowid; the profile writes were counted for usr_a and usr_c; no dangling reference.
        command.CommandText = """
            SELECT (SELECT group_concat(e.id || ':' || e.rowid || ':' || u.id || ':' || coalesce(e.merged_into, '-'), ' ')
                    FROM (SELECT * FROM entities ORDER BY rowid) e JOIN users u ON u.rowid = e.user_row) || ' ' ||
                   (SELECT COUNT(*) FROM pragma_table_info('entities') WHERE name = 'user_id') || ' ' ||
                   (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info('entities_by_user') ORDER BY seqno)) || ' ' ||
                   (SELECT group_concat(user_id, ',') FROM (SELECT user_id FROM memory_generations ORDER BY user_id)) || ' ' ||
                   (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("ent_a:1:usr_a:- ent_b:2:usr_a:ent_a ent_m:3:usr_a:- ent_x:4:usr_b:- ent_n:5:usr_a:- cent_a:6:usr_c:- "
            + "cent_b:7:usr_c:cent_a cent_m:8:usr_c:- cent_n:9:usr_c:- 0 user_row,updated_at,id usr_a,usr_c 0", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Entities_that_kept_their_search_text_before_migration_530_are_found_by_the_same_words_and_pieces_after_it()
    {
        // usr_a: ent_1 (Ada Lovelace), ent_2 (Bob Stone), ent_3 (merged into ent_2, no index entry), ent_5 (accents and a
        // capital Ü); usr_b: ent_4 says what ent_1 says. The search texts and both indexes are as the store wrote them
        // before 0530 (the word index by its triggers).
        var path = DatabaseMigratedBefore(530, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_row, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, search_text)
            VALUES (1, 'ent_1', 1, 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"work":"Analytical Engine","born":1815}', 'ada lovelace analytical engine 1815'),
                   (2, 'ent_2', 1, 'contact', 'Bob Stone', NULL, NULL, 1767225602000000, 1767225603000000, '{"trade":"mason"}', 'bob stone mason'),
                   (3, 'ent_3', 1, 'contact', 'Bob S.', 'ent_2', 1767225603000000, 1767225602000000, 1767225603000000, '{"trade":"quarryman"}', ''),
                   (4, 'ent_4', 2, 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"work":"Analytical Engine","born":1815}', 'ada lovelace analytical engine 1815'),
                   (5, 'ent_5', 1, 'contact', 'José Ñandú', NULL, NULL, 1767225604000000, 1767225604000000, '{"city":"ZÜRICH \"Altstadt\""}', 'josé ñandú zürich "altstadt"');
            INSERT INTO entities_fts (rowid, search_text) SELECT rowid, search_text FROM entities WHERE merged_into IS NULL;
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            Assert.Equal(["ent_1"], await FindAsync(store, "lovelace"));       // a word
            Assert.Equal(["ent_1"], await FindAsync(store, "analytic ada"));   // word beginnings
            Assert.Equal(["ent_1"], await FindAsync(store, "velac"));          // a piece: trigrams checked against the text
            Assert.Equal(["ent_1"], await FindAsync(store, "181"));            // a number's digits
            Assert.Equal(["ent_2"], await FindAsync(store, "ston"));
            Assert.Equal(["ent_5"], await FindAsync(store, "ürich"));          // lower-cased as the text was, not as SQLite would
            Assert.Equal(["ent_5"], await FindAsync(store, "zü"));             // shorter than a trigram: LIKE on the text
            Assert.Equal(["ent_5"], await FindAsync(store, "\"altstadt\""));   // a quote the row keeps escaped
            Assert.Equal(["ent_5", "ent_1", "ent_2"], await FindAsync(store, "a")); // words beginning with it, newest first, then the rest
            Assert.Empty(await FindAsync(store, "quarryman"));                  // merged: no entry, and no text
            Assert.Empty(await FindAsync(store, "lovelace mason"));
            Assert.Empty(await FindAsync(store, "stonemason"));

            // A snapshot saved after it: its new words and pieces are found, its old ones no longer.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                var fields = new Dictionary<string, System.Text.Json.JsonElement> { ["trade"] = System.Text.Json.JsonElement.Parse("\"Carpenter\"") };
                var snapshot = new Strata.Core.Snapshots.Snapshot("ent_2", "contact", "Bob Stone", fields,
                    new Dictionary<string, string>(), 1, later, null);
                await write.Entities.SaveSnapshotAsync(new Strata.Core.Snapshots.PreparedSnapshot(snapshot,
                    Strata.Core.Snapshots.SearchTexts.Of("contact", "Bob Stone", fields), []), CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["ent_2"], await FindAsync(store, "carpenter"));
            Assert.Equal(["ent_2"], await FindAsync(store, "penter"));
            Assert.Empty(await FindAsync(store, "mason"));
            Assert.Empty(await FindAsync(store, "maso"));

            // ent_5 forgotten (the highest rowid, which the next entity takes again): the new entity does not inherit its words.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(1, await write.Entities.DeleteAsync(["ent_5"], CancellationToken.None));
                Assert.True(await write.Entities.InsertAsync(new Strata.Core.Entities.Entity("ent_6", "usr_a", "contact", "Cleo", null, null, later),
                    CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Empty(await FindAsync(store, "ürich"));
            Assert.Empty(await FindAsync(store, "zü"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // The column is gone; ent_6 took ent_5's rowid; neither index holds anything of ent_5 (nor of the merged ent_3);
        // usr_b's ent_4 is still in both.
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM pragma_table_info('entities') WHERE name = 'search_text') || ' ' ||
                   (SELECT rowid FROM entities WHERE id = 'ent_6') || ' ' ||
                   (SELECT COUNT(*) FROM entities_words WHERE entities_words MATCH 'zurich OR quarryman') || ' ' ||
                   (SELECT COUNT(*) FROM entities_fts WHERE entities_fts MATCH 'ric') || ' ' ||
                   (SELECT group_concat(rowid, ',') FROM entities_words WHERE entities_words MATCH 'lovelace') || ' ' ||
                   (SELECT group_concat(rowid, ',') FROM entities_fts WHERE entities_fts MATCH 'ove')
            """;
        Assert.Equal("0 5 0 0 1,4 1,4", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Blocking_keys_written_three_entries_an_entity_before_migration_540_find_the_same_blocks_and_are_replaced_and_forgotten_after_it()
    {
        // usr_a: ent_1 keyed (n:ada, e:ada), ent_2 keyed (n:ada); usr_b: ent_3 keyed (n:ada) later; a key whose entity row
        // is gone (9). Markers are the empty key, as every scan before 0540 wrote them.
        var path = DatabaseMigratedBefore(540, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_row, entity_type, canonical_name, created_at, updated_at, observation_count)
            VALUES (1, 'ent_1', 1, 'contact', 'Ada', 1767225601000000, 1767225601000000, 1),
                   (2, 'ent_2', 1, 'contact', 'Ada L', 1767225602000000, 1767225602000000, 1),
                   (3, 'ent_3', 2, 'contact', 'Ada', 1767225609000000, 1767225609000000, 1);
            INSERT INTO duplicate_blocking_keys (user_row, entity_type, entity_row, block_key, snapshot_at, observations)
            VALUES (1, 'contact', 1, '', 1767225601000000, 1), (1, 'contact', 1, 'n:ada', 1767225601000000, 1),
                   (1, 'contact', 1, 'e:ada', 1767225601000000, 1),
                   (1, 'contact', 2, '', 1767225602000000, 1), (1, 'contact', 2, 'n:ada', 1767225602000000, 1),
                   (2, 'contact', 3, '', 1767225609000000, 1), (2, 'contact', 3, 'n:ada', 1767225609000000, 1),
                   (1, 'contact', 9, 'n:ada', 1767225609000000, 1);
            """);
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedBlockingKeys.FindTheSameBlocksAndFollowLaterScansAsync(store);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(entity_row || ':' || block_key, ',') FROM duplicate_blocking_keys) || ' ' ||
                   (SELECT group_concat(entity_row || ':' || snapshot_at || ':' || observations || ':' || keys, ',') FROM duplicate_keyed) || ' ' ||
                   (SELECT COUNT(*) FROM sqlite_master WHERE name = 'blocking_keys_by_key')
            """;
        Assert.Equal("1:n:ada lovelace,3:n:ada 1:1767225605000000:2:[\"n:ada lovelace\"],3:1767225609000000:1:[\"n:ada\"] 0",
            (string)command.ExecuteScalar()!);
    }

    [Fact]
    public void A_profile_entity_written_before_migration_350_has_its_state_filled_and_carried_through_every_later_migration()
    {
        // A store as 0350 found it: the fill reads each memory entity's observations with the statements of that schema
        // (observations named their user by id then, whatever a later migration does to them).
        var path = DatabaseMigratedBefore(350, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text, memory_text)
            VALUES ('ent_1', 'usr_a', 'memory_entity', 'Ada', '2026-01-01T00:00:01.0000000Z', '2026-01-01T00:00:01.0000000Z',
                    '{"name":"Ada"}', '"obs_1"', 1, 'ada', 'ada likes tea');
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', (SELECT rowid FROM entities WHERE id = 'ent_1'), 'ent_1', NULL, NULL, 'structured', 'index:0', 100, 'accepted',
                    '{"name":"Ada","op":"create","memory_type":"person","observations":["likes tea"]}', 1767225601000000, 1767225601000000);
            """);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT memory_name || ' ' || memory_state FROM entities WHERE id = 'ent_1'";
        Assert.Equal("""Ada [{"name":"Ada","entityType":"person","observations":["likes tea"]}]""", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Observations_named_by_user_id_before_migration_510_answer_each_user_the_same_after_it()
    {
        // usr_a: ent_a holds obs_1 (its fields are the snapshot, kept once as '') and obs_2 of run_1; ent_m is where a merge
        // takes them. usr_b: ent_b holds obs_3 of run_2. usr_c: ent_c, which takes usr_a's archive. obs_9 (the newest seq)
        // was deleted, so the next observation must not take its seq.
        var path = DatabaseMigratedBefore(510, TwoUsersWithARunEach + """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_c', 'c', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES (1, 'ent_a', 'usr_a', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_1"', 2, 'ada lovelace'),
                   (2, 'ent_m', 'usr_a', 'contact', 'Ada L.', NULL, NULL, 1767225601000000, 1767225601000000, '{}', '{}', 0, 'ada l.'),
                   (3, 'ent_b', 'usr_b', 'contact', 'Ada Lovelace', NULL, NULL, 1767225601000000, 1767225601000000, '{"name":"Ada Lovelace"}', '"obs_3"', 1, 'ada lovelace'),
                   (4, 'ent_c', 'usr_c', 'contact', 'Ada', NULL, NULL, 1767225601000000, 1767225601000000, '{}', '{}', 0, 'ada');
            INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_a', 1, '', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '', 1767225601000000, 1767225601000000),
                   ('obs_2', 'usr_a', 'ent_a', 1, '', NULL, 'run_1', 'structured', 'index:1', 90, 'accepted', '{"title":"Countess"}', 1767225602000000, 1767225602000000),
                   ('obs_3', 'usr_b', 'ent_b', 3, '', NULL, 'run_2', 'structured', 'index:0', 100, 'accepted', '', 1767225601000000, 1767225601000000),
                   ('obs_9', 'usr_a', 'ent_a', 1, '', NULL, 'run_1', 'structured', 'index:2', 100, 'accepted', '{}', 1767225601000000, 1767225601000000);
            DELETE FROM observations WHERE id = 'obs_9';
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> OnAsync(string user, string entity)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Observations.ListForEntityAsync(entity, null, CancellationToken.None))
                    .Select(o => $"{o.Id} {o.UserId} {o.EntityId} {o.SourceId} {string.Join(",", o.Fields.Keys)}").ToArray();
            }
            // Each user reads their own rows, by id, by entity, by run; another user's ids answer as missing ones do.
            Assert.Equal(["obs_1 usr_a ent_a src_1 name", "obs_2 usr_a ent_a src_1 title"], await OnAsync("usr_a", "ent_a"));
            Assert.Equal(["obs_3 usr_b ent_b src_2 name"], await OnAsync("usr_b", "ent_b"));
            Assert.Empty(await OnAsync("usr_b", "ent_a"));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(("usr_a", "Ada Lovelace"), ((await read.Observations.GetAsync("obs_1", CancellationToken.None))!.UserId,
                    (await read.Observations.GetAsync("obs_1", CancellationToken.None))!.Fields["name"].GetString()));
                Assert.Null(await read.Observations.GetAsync("obs_3", CancellationToken.None));
                Assert.Equal(["obs_1"], (await read.Observations.GetManyAsync(["obs_1", "obs_3"], CancellationToken.None)).Keys);
                var (items, total) = await read.Observations.EntitiesOfRunAsync("run_1", 10, CancellationToken.None);
                Assert.Equal(["ent_a"], items.Select(e => e.EntityId));
                Assert.Equal(1, total);
                Assert.Equal(0, (await read.Observations.EntitiesOfRunAsync("run_2", 10, CancellationToken.None)).Total);
            }
            // A merge moves usr_a's rows only; a later observation takes a seq after the deleted obs_9's.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(2, await write.Observations.MoveAsync("ent_a", "ent_m", CancellationToken.None));
                Assert.Equal(0, await write.Observations.MoveAsync("ent_b", "ent_m", CancellationToken.None));
                Assert.True(await write.Observations.InsertAsync(new Strata.Core.Observations.Observation("obs_4", "usr_a", "ent_m", "src_1", "run_1",
                    "structured", "index:3", 100, "accepted", new Dictionary<string, System.Text.Json.JsonElement>(), null, later, later), CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["obs_1 usr_a ent_m src_1 name", "obs_2 usr_a ent_m src_1 title", "obs_4 usr_a ent_m src_1 "], await OnAsync("usr_a", "ent_m"));
            Assert.Equal(["obs_3 usr_b ent_b src_2 name"], await OnAsync("usr_b", "ent_b"));
            // usr_a's archive loaded for usr_c (ids renamed, onto usr_c's ent_c): the same observations, usr_c's own.
            var archived = new List<Strata.Core.Archive.ArchiveRow>();
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                await foreach (var row in read.Archive.ReadAsync("observations", CancellationToken.None)) archived.Add(row);
            }
            Assert.Equal(["obs_1", "obs_2", "obs_4"], archived.Select(r => (string)r.Values.Single(v => v.Key == "id").Value!));
            Assert.DoesNotContain(archived.SelectMany(r => r.Values), v => v.Key is "user_id" or "user_row");
            await using (var write = await store.OpenWriteAsync("usr_c", CancellationToken.None))
            {
                foreach (var row in archived)
                {
                    var renamed = new Strata.Core.Archive.ArchiveRow(row.Values.Select(v => v.Key switch
                    {
                        "id" => new KeyValuePair<string, object?>("id", "c" + v.Value),
                        "entity_id" or "original_entity_id" => new KeyValuePair<string, object?>(v.Key, "ent_c"),
                        _ => v,
                    }).ToList());
                    Assert.True(await write.Archive.InsertAsync("observations", renamed, CancellationToken.None));
                }
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["cobs_1 usr_c ent_c src_1 name", "cobs_2 usr_c ent_c src_1 title", "cobs_4 usr_c ent_c src_1 "], await OnAsync("usr_c", "ent_c"));
            // Forgetting: another user's run and observation remove nothing; usr_b's own run removes its row.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(0, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.OfRun("run_2"), CancellationToken.None)).Observations);
                Assert.Equal(0, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.One("obs_3"), CancellationToken.None)).Observations);
                await write.CommitAsync(CancellationToken.None);
            }
            await using (var write = await store.OpenWriteAsync("usr_b", CancellationToken.None))
            {
                Assert.Equal(1, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.OfRun("run_2"), CancellationToken.None)).Observations);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Empty(await OnAsync("usr_b", "ent_b"));
            Assert.Equal(3, (await OnAsync("usr_a", "ent_m")).Length);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        // Every row names its user by rowid and keeps its seq; no user_id column is left; no dangling reference.
        command.CommandText = """
            SELECT (SELECT group_concat(o.id || ':' || o.seq || ':' || u.id, ' ') FROM (SELECT * FROM observations ORDER BY seq) o
                    JOIN users u ON u.rowid = o.user_row) || ' ' ||
                   (SELECT COUNT(*) FROM pragma_table_info('observations') WHERE name = 'user_id') || ' ' ||
                   (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("obs_1:1:usr_a obs_2:2:usr_a obs_4:5:usr_a cobs_1:6:usr_c cobs_2:7:usr_c cobs_4:8:usr_c 0 0", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Observations_naming_their_run_by_id_before_migration_550_give_the_same_runs_sources_times_and_archive_after_it()
    {
        // usr_a: obs_1 and obs_2 of run_1 (obs_1 reads its source through the run, obs_2 keeps its own, src_2, and was written
        // seven seconds after the time it observed; every other row was written at that time), obs_o of
        // run_gone (no run row holds it), obs_c a correction (no run); rel_1 of run_1 (source through the run). usr_b: obs_3
        // and rel_3 of run_2. run_9 (usr_a's, numbered last by the migration) is deleted after: its number must not be handed
        // out again.
        var path = DatabaseMigratedBefore(550, TwoUsersWithARunEach + """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_c', 'c', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO entities (rowid, id, user_row, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count)
            VALUES (1, 'ent_a', (SELECT rowid FROM users WHERE id = 'usr_a'), 'contact', 'Ada', 1767225601000000, 1767225601000000, '{"name":"Ada"}', '{}', 4),
                   (2, 'ent_b', (SELECT rowid FROM users WHERE id = 'usr_b'), 'contact', 'Bo', 1767225601000000, 1767225601000000, '{"name":"Bo"}', '{}', 1),
                   (3, 'ent_c', (SELECT rowid FROM users WHERE id = 'usr_c'), 'contact', 'Cy', 1767225601000000, 1767225601000000, '{}', '{}', 0);
            INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 1, '', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada"}', 1767225601000000, 1767225601000000),
                   ('obs_2', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 1, '', 'src_2', 'run_1', 'structured', 'index:1', 100, 'accepted', '{"title":"Dr"}', 1767225602000000, 1767225609000000),
                   ('obs_o', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 1, '', 'src_1', 'run_gone', 'structured', 'index:0', 100, 'accepted', '{"x":"1"}', 1767225603000000, 1767225603000000),
                   ('obs_c', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 1, '', NULL, NULL, 'correction', 'correction', 1000, 'accepted', '{"y":"2"}', 1767225604000000, 1767225604000000),
                   ('obs_3', (SELECT rowid FROM users WHERE id = 'usr_b'), 'ent_b', 2, '', NULL, 'run_2', 'structured', 'index:0', 100, 'accepted', '{"name":"Bo"}', 1767225601000000, 1767225601000000);
            INSERT INTO relation_observations (id, user_row, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
                original_to_entity_id, state, properties_json, effective_at, observed_at, priority, run_id, source_id)
            VALUES ('rel_1', (SELECT rowid FROM users WHERE id = 'usr_a'), 'ent_a', 'knows', 'ent_x', '', '', 'asserted', '{}', 1767225601000000, 1767225601000000, 100, 'run_1', ''),
                   ('rel_3', (SELECT rowid FROM users WHERE id = 'usr_b'), 'ent_b', 'knows', 'ent_x', '', '', 'asserted', '{}', 1767225601000000, 1767225601000000, 100, 'run_2', '');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_9', 'usr_a', 'src_1', 'structured', '1', '{}', 'c', 'completed', '2026-01-01T00:00:09.0000000Z');
            """);
        var later = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            async Task<string[]> OnAsync(string user, string entity)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Observations.ListForEntityAsync(entity, null, CancellationToken.None))
                    .Select(o => $"{o.Id} {o.RunId ?? "-"} {o.SourceId ?? "-"}").ToArray();
            }
            async Task<string[]> RelationAsync(string user, string from)
            {
                await using var read = await store.OpenReadAsync(user, CancellationToken.None);
                return (await read.Relations.HistoryAsync(from, "knows", "ent_x", CancellationToken.None))
                    .Select(o => $"{o.Id} {o.RunId} {o.SourceId}").ToArray();
            }
            Assert.Equal(["obs_1 run_1 src_1", "obs_2 run_1 src_2", "obs_o run_gone src_1", "obs_c - -"], await OnAsync("usr_a", "ent_a"));
            Assert.Equal(["obs_3 run_2 src_2"], await OnAsync("usr_b", "ent_b"));
            Assert.Equal(["rel_1 run_1 src_1"], await RelationAsync("usr_a", "ent_a"));
            Assert.Equal(["rel_3 run_2 src_2"], await RelationAsync("usr_b", "ent_b"));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                // By run: a run's rows by its number, a kept id by the id; another user's run answers as a missing one.
                Assert.Equal((1, "ent_a"), ((await read.Observations.EntitiesOfRunAsync("run_1", 10, CancellationToken.None)).Total,
                    (await read.Observations.EntitiesOfRunAsync("run_1", 10, CancellationToken.None)).Items.Single().EntityId));
                Assert.Equal(1, (await read.Observations.EntitiesOfRunAsync("run_gone", 10, CancellationToken.None)).Total);
                Assert.Equal(0, (await read.Observations.EntitiesOfRunAsync("run_2", 10, CancellationToken.None)).Total);
                Assert.Equal(0, (await read.Observations.EntitiesOfRunAsync("run_nowhere", 10, CancellationToken.None)).Total);
            }
            var archived = new List<Strata.Core.Archive.ArchiveRow>();
            var archivedRelations = new List<Strata.Core.Archive.ArchiveRow>();
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                await foreach (var row in read.Archive.ReadAsync("observations", CancellationToken.None)) archived.Add(row);
                await foreach (var row in read.Archive.ReadAsync("relation_observations", CancellationToken.None)) archivedRelations.Add(row);
            }
            // The archive carries each row's run by id, never the store's number.
            Assert.Equal(["obs_1 run_1 2026-01-01T00:00:01.0000000Z", "obs_2 run_1 2026-01-01T00:00:09.0000000Z", "obs_o run_gone 2026-01-01T00:00:03.0000000Z",
                "obs_c  2026-01-01T00:00:04.0000000Z"], archived.Select(r =>
                $"{r.Values.Single(v => v.Key == "id").Value} {r.Values.Single(v => v.Key == "run_id").Value} {r.Values.Single(v => v.Key == "created_at").Value}"));
            Assert.Equal(["rel_1 run_1 src_1"], archivedRelations.Select(r =>
                $"{r.Values.Single(v => v.Key == "id").Value} {r.Values.Single(v => v.Key == "run_id").Value} {r.Values.Single(v => v.Key == "source_id").Value}"));
            Assert.DoesNotContain(archived.Concat(archivedRelations).SelectMany(r => r.Values), v => v.Key is "run_row" or "seq");
            // A new observation and relation of run_1, written after; usr_a's archive loaded back into usr_a (ids renamed,
            // as a restore into a store that kept the runs), and rel_1's into usr_c, whose rows name usr_a's run by id.
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.True(await write.Observations.InsertAsync(new Strata.Core.Observations.Observation("obs_4", "usr_a", "ent_a", "src_1", "run_1",
                    "structured", "index:2", 100, "accepted", new Dictionary<string, System.Text.Json.JsonElement>(), null, later, later), CancellationToken.None));
                Assert.Equal(1, await write.Relations.InsertAsync([new Strata.Core.Relations.RelationObservation("rel_4", "ent_a", "knows", "ent_x",
                    Strata.Core.Relations.RelationStates.Asserted, "{}", null, null, later, later, 100, "run_1", "src_1")], CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            static Strata.Core.Archive.ArchiveRow Renamed(Strata.Core.Archive.ArchiveRow row, string? entity = null) => new(row.Values.Select(v => v.Key switch
            {
                "id" => new KeyValuePair<string, object?>("id", "r" + v.Value),
                "from_entity_id" or "original_from_entity_id" when entity is not null => new KeyValuePair<string, object?>(v.Key, entity),
                _ => v,
            }).ToList());
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                foreach (var row in archived) Assert.True(await write.Archive.InsertAsync("observations", Renamed(row), CancellationToken.None));
                foreach (var row in archivedRelations) Assert.True(await write.Archive.InsertAsync("relation_observations", Renamed(row), CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            await using (var write = await store.OpenWriteAsync("usr_c", CancellationToken.None))
            {
                Assert.True(await write.Archive.InsertAsync("relation_observations",
                    new(Renamed(archivedRelations.Single(), "ent_c").Values.Select(v => v.Key == "id" ? new KeyValuePair<string, object?>("id", "crel_1") : v).ToList()),
                    CancellationToken.None));
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["obs_1 run_1 src_1", "obs_2 run_1 src_2", "obs_o run_gone src_1", "obs_c - -", "obs_4 run_1 src_1",
                "robs_1 run_1 src_1", "robs_2 run_1 src_2", "robs_o run_gone src_1", "robs_c - -"], await OnAsync("usr_a", "ent_a"));
            Assert.Equal(["rel_1 run_1 src_1", "rrel_1 run_1 src_1", "rel_4 run_1 src_1"], await RelationAsync("usr_a", "ent_a"));
            Assert.Equal(["crel_1 run_1 src_1"], await RelationAsync("usr_c", "ent_c"));
            await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
            {
                // As they were at 00:00:05: written by then, whether or not the row kept its time of writing.
                Assert.Equal(["obs_1", "obs_o", "obs_c", "robs_1", "robs_o", "robs_c"],
                    (await read.Observations.ListForEntityAsync("ent_a", new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), CancellationToken.None)).Select(o => o.Id));
                Assert.Equal(["obs_2 00:00:02 00:00:09", "robs_2 00:00:02 00:00:09"], (await read.Observations.ListForEntityAsync("ent_a", null, CancellationToken.None))
                    .Where(o => o.Id.EndsWith("obs_2", StringComparison.Ordinal)).Select(o => $"{o.Id} {o.ObservedAt:HH:mm:ss} {o.CreatedAt:HH:mm:ss}"));
            }
            // Forgetting run_1 as the store does: its observations first (another user asking removes nothing), then the
            // run; the relation observations outlive it, keeping its id and source.
            await using (var write = await store.OpenWriteAsync("usr_b", CancellationToken.None))
            {
                Assert.Equal(0, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.OfRun("run_1"), CancellationToken.None)).Observations);
                Assert.False((await write.Deletions.DeleteRunAsync("run_1", CancellationToken.None)).Run);
                await write.CommitAsync(CancellationToken.None);
            }
            await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
            {
                Assert.Equal(5, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.OfRun("run_1"), CancellationToken.None)).Observations);
                Assert.Equal(2, (await write.Deletions.DeleteObservationsAsync(Strata.Core.Deletions.ObservationSelection.OfRun("run_gone"), CancellationToken.None)).Observations);
                Assert.True((await write.Deletions.DeleteRunAsync("run_1", CancellationToken.None)).Run);
                await write.CommitAsync(CancellationToken.None);
            }
            Assert.Equal(["obs_c - -", "robs_c - -"], await OnAsync("usr_a", "ent_a"));
            Assert.Equal(["rel_1 run_1 src_1", "rrel_1 run_1 src_1", "rel_4 run_1 src_1"], await RelationAsync("usr_a", "ent_a"));
            Assert.Equal(["rel_3 run_2 src_2"], await RelationAsync("usr_b", "ent_b"));
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        // A run deleted under observations that still name it (the store never does this) leaves them its id and source;
        // a run made after the newest is deleted takes a new number.
        Execute(check, """
            PRAGMA foreign_keys = ON; DELETE FROM runs WHERE id IN ('run_2', 'run_9');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_new', 'usr_a', 'src_1', 'structured', '1', '{}', 'c', 'completed', '2026-01-03T00:00:00.0000000Z');
            """);
        using var command = check.CreateCommand();
        // Each row: its number or its kept id; runs numbered in order, run_9's number not reused; no dangling reference.
        command.CommandText = """
            SELECT (SELECT group_concat(id || ':' || coalesce(run_row, '-') || ':' || coalesce(run_id, '-') || ':' || coalesce(source_id, '-'), ' ')
                    FROM (SELECT * FROM observations ORDER BY seq)) || ' | ' ||
                   (SELECT group_concat(id || ':' || coalesce(run_row, '-') || ':' || coalesce(run_id, '-'), ' ') FROM (SELECT * FROM relation_observations ORDER BY seq)) || ' | ' ||
                   (SELECT group_concat(id || ':' || seq, ' ') FROM (SELECT * FROM runs ORDER BY seq)) || ' | ' ||
                   (SELECT seq FROM sqlite_sequence WHERE name = 'runs') || ' ' ||
                   (SELECT COUNT(*) FROM pragma_foreign_key_check)
            """;
        Assert.Equal("obs_c:-:-:- obs_3:-:run_2:src_2 robs_c:-:-:- | rel_1:-:run_1 rel_3:2:- rel_4:-:run_1 rrel_1:-:run_1 crel_1:-:run_1 | run_new:4 | 4 0",
            (string)command.ExecuteScalar()!);
    }

    /// <summary>usr_a and usr_b, each with a source (src_1, src_2) and a structured run of it (run_1, run_2): what the
    /// relation upgrade tests' rows refer to.</summary>
    private const string TwoUsersWithARunEach = """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01T00:00:00.0000000Z'),
                                                                  ('usr_b', 'b', 'free', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
            VALUES ('src_1', 'usr_a', 'h1', 1, 'application/json', 'uploaded', '2026-01-01T00:00:00.0000000Z'),
                   ('src_2', 'usr_b', 'h2', 1, 'application/json', 'uploaded', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_1', 'usr_a', 'src_1', 'structured', '1', '{}', 'c', 'completed', '2026-01-01T00:00:00.0000000Z'),
                   ('run_2', 'usr_b', 'src_2', 'structured', '1', '{}', 'c', 'completed', '2026-01-01T00:00:00.0000000Z');

        """;

    private static async Task<List<string>> FindAsync(SqliteStrataStore store, string text)
    {
        await using var session = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var page = await session.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, text, false, new Strata.Core.Paging()), CancellationToken.None);
        return page.Items.Select(s => s.EntityId).ToList();
    }

    /// <summary>A database file as the migrations before <paramref name="version"/> left it, holding <paramref name="rows"/>.</summary>
    [Fact]
    public async Task Documents_converted_before_the_recall_index_are_indexed_by_the_background_run_and_found_after_it()
    {
        DatabaseMigratedBefore(60, Strata.Storage.Compliance.UpgradedRecallIndex.Rows("'2026-01-01T00:00:00.0000000Z'"));

        using var store = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await Strata.Storage.Compliance.UpgradedRecallIndex.AreIndexedInTheBackgroundAndFoundAsync(store);
    }

    [Fact]
    public Task A_profile_graph_written_before_migration_315_is_searched_after_it_as_folding_it_whole_answered() =>
        ProfileGraphUpgradedAsync(Strata.Storage.Compliance.UpgradedMemoryTexts.BeforeMigration,
            Strata.Storage.Compliance.UpgradedMemoryTexts.AnswerTheSameAndFollowLaterWritesAsync);

    [Fact]
    public Task A_profile_graph_written_before_migration_350_keeps_each_entity_s_state_after_it_and_is_searched_as_before() =>
        ProfileGraphUpgradedAsync(Strata.Storage.Compliance.UpgradedMemoryTexts.BeforeStateMigration,
            Strata.Storage.Compliance.UpgradedMemoryTexts.KeepStatesAnswerTheSameAndFollowLaterWritesAsync);

    [Fact]
    public Task A_profile_graph_whose_entities_keep_no_state_is_searched_by_folding_their_observations_as_before() =>
        ProfileGraphUpgradedAsync(Strata.Storage.Compliance.UpgradedMemoryTexts.StatesNotKept, Strata.Storage.Compliance.UpgradedMemoryTexts.AnswerTheSameAndFollowLaterWritesAsync);

    /// <summary>A profile graph written by today's code, then <paramref name="beforeMigration"/> run (the store as it was
    /// before a migration), then the store opened again (the migration applied) and <paramref name="check"/>ed against
    /// what the graph answered before.</summary>
    private async Task ProfileGraphUpgradedAsync(string beforeMigration,
        Func<Strata.Core.Storage.IStrataStore, string, Dictionary<string, string>, Task> check)
    {
        Dictionary<string, string> before;
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            before = await Strata.Storage.Compliance.UpgradedMemoryTexts.WriteAsync(store, _database.PathOf("files"));
        }
        using (var connection = new SqliteConnection($"Data Source={_database.PathOf("strata.db")};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Strata.Storage.Compliance.UpgradedMemoryTexts.SqliteBeforeGenerationMigration + beforeMigration);
        }

        using var upgraded = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await check(upgraded, _database.PathOf("files"), before);
    }

    [Fact]
    public async Task Vectors_written_before_the_backfill_walk_index_read_back_byte_for_byte_from_the_rowid_table_after_it()
    {
        var path = DatabaseMigratedBefore(335, Strata.Storage.Compliance.UpgradedRecallVectors.Rows("'2026-01-01T00:00:00.0000000Z'",
            bytes => $"X'{Convert.ToHexString(bytes)}'"));

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedRecallVectors.ReadBackByteForByteAndFollowLaterWritesAsync(store);
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM pragma_index_list('recall_vectors') WHERE origin = 'pk') || ' ' ||
                   (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info('recall_units_by_user') ORDER BY seqno)) || ' ' ||
                   (SELECT COUNT(*) FROM recall_vectors WHERE rowid > 0)
            """;
        // A rowid table (its key a separate index; rowid readable), the walk's index by key, every row carried over.
        Assert.Equal("1 user_id,document_id,block_index,length 5", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Recall_postings_written_a_row_each_before_migration_360_read_back_the_same_from_the_lists_and_follow_later_writes()
    {
        var path = DatabaseMigratedBefore(360, Strata.Storage.Compliance.UpgradedRecallPostings.Rows("'2026-01-01T00:00:00.0000000Z'"));

        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System))
        {
            await Strata.Storage.Compliance.UpgradedRecallPostings.ReadBackAndFollowLaterWritesAsync(store);
        }
        // The old table and its index are gone; a list per (user, term, document): usr_a's two lists of 'may' are one.
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'recall_postings%') || ' ' ||
                   (SELECT COUNT(*) FROM recall_posting_lists WHERE term = 'may') || ' ' ||
                   (SELECT length(postings) FROM recall_posting_lists WHERE term = 'may')
            """;
        Assert.Equal("0 1 50", (string)command.ExecuteScalar()!);
    }

    [Theory]
    [InlineData(340)]
    [InlineData(470)]
    public async Task Recall_statistics_kept_equal_the_counts_of_rows_written_before_the_migration(long migration)
    {
        DatabaseMigratedBefore(migration, Strata.Storage.Compliance.UpgradedRecallVectors.Rows("'2026-01-01T00:00:00.0000000Z'",
            bytes => $"X'{Convert.ToHexString(bytes)}'"));

        using var store = (SqliteStrataStore)_database.Open(TimeProvider.System);
        await Strata.Storage.Compliance.UpgradedRecallVectors.KeepTheCountsOfRowsWrittenBeforeAsync(store);
    }

    private string DatabaseMigratedBefore(long version, string rows)
    {
        var path = _database.PathOf("strata.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var (applied, name, sql) in MigrationsBefore(version))
        {
            Execute(connection, sql);
            Execute(connection, $"INSERT INTO schema_migrations VALUES ({applied}, '{name}', '2026-01-01T00:00:00.0000000Z')");
        }
        Execute(connection, rows);
        return path;
    }

    private static IEnumerable<(long Version, string Name, string Sql)> MigrationsBefore(long version)
    {
        var assembly = typeof(SqliteStrataStore).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var number = long.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            if (number >= version) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (number, name, reader.ReadToEnd());
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _database.Delete();
}
