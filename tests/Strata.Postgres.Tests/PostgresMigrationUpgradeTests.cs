using Dapper;
using Npgsql;
using Strata.Core.Entities.Identity;
using Strata.Core.Storage;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>A PostgreSQL database made by an earlier release upgrades in place: later migrations keep what it holds
/// readable (the SQLite side: Strata.Sqlite.Tests.MigrationUpgradeTests).</summary>
public sealed class PostgresMigrationUpgradeTests : IAsyncLifetime
{
    private string? _url;

    public async Task InitializeAsync() => _url = await PostgresTestDatabase.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_url is not null) await PostgresTestDatabase.DropAsync(_url);
    }

    [Fact]
    public async Task Identity_keys_held_before_they_were_stored_compactly_find_the_same_entities_after_it_and_only_the_users_own()
    {
        var email = RecordIdentity.HashOf("contact", "email=ada@example.com");
        var name = RecordIdentity.HashOf("contact", "name=ada lovelace");
        await MigratedBeforeAsync(300, $"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01Z'), ('usr_b', 'b', 'free', '2026-01-01Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01Z', '2026-01-01Z'),
                   ('ent_2', 'usr_a', 'contact', 'Ada Lovelace', '2026-01-01Z', '2026-01-01Z'),
                   ('ent_3', 'usr_b', 'contact', 'Ada Lovelace', '2026-01-01Z', '2026-01-01Z');
            INSERT INTO entity_keys (user_id, key_hash, entity_id, entity_type)
            VALUES ('usr_a', '{email}', 'ent_1', 'contact'), ('usr_a', '{name}', 'ent_1', 'contact'),
                   ('usr_a', '{name}', 'ent_2', 'contact'), ('usr_a', '{name}', 'ent_gone', 'contact'),
                   ('usr_b', '{email}', 'ent_3', 'contact');
            """);

        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedIdentityKeys.FindTheSameHoldersAndFollowLaterWritesAsync(store, email, name);
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        // 16 bytes a key, the one whose entity was gone not carried over.
        Assert.Equal(3L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM entity_keys WHERE length(key) = 16"));
    }

    [Fact]
    public async Task Blocking_keys_written_three_rows_an_entity_before_migration_510_find_the_same_blocks_and_are_replaced_and_forgotten_after_it()
    {
        // The rows of UpgradedBlockingKeys as PostgreSQL wrote them before 0510: markers are the empty key.
        await MigratedBeforeAsync(510, """
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '2026-01-01Z'), ('usr_b', 'b', 'free', '2026-01-01Z');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, observation_count)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada', '2026-01-01T00:00:01Z', '2026-01-01T00:00:01Z', 1),
                   ('ent_2', 'usr_a', 'contact', 'Ada L', '2026-01-01T00:00:02Z', '2026-01-01T00:00:02Z', 1),
                   ('ent_3', 'usr_b', 'contact', 'Ada', '2026-01-01T00:00:09Z', '2026-01-01T00:00:09Z', 1);
            INSERT INTO duplicate_blocking_keys (user_id, entity_type, entity_id, block_key, snapshot_at, observations)
            VALUES ('usr_a', 'contact', 'ent_1', '', '2026-01-01T00:00:01Z', 1), ('usr_a', 'contact', 'ent_1', 'n:ada', '2026-01-01T00:00:01Z', 1),
                   ('usr_a', 'contact', 'ent_1', 'e:ada', '2026-01-01T00:00:01Z', 1),
                   ('usr_a', 'contact', 'ent_2', '', '2026-01-01T00:00:02Z', 1), ('usr_a', 'contact', 'ent_2', 'n:ada', '2026-01-01T00:00:02Z', 1),
                   ('usr_b', 'contact', 'ent_3', '', '2026-01-01T00:00:09Z', 1), ('usr_b', 'contact', 'ent_3', 'n:ada', '2026-01-01T00:00:09Z', 1),
                   ('usr_a', 'contact', 'ent_gone', 'n:ada', '2026-01-01T00:00:09Z', 1);
            """);

        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedBlockingKeys.FindTheSameBlocksAndFollowLaterScansAsync(store);
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        Assert.Equal("ent_1:n:ada lovelace,ent_3:n:ada ent_1:2:{\"n:ada lovelace\"},ent_3:1:{n:ada} 0", await check.ExecuteScalarAsync<string>("""
            SELECT (SELECT string_agg(entity_id || ':' || block_key, ',' ORDER BY entity_id, block_key) FROM duplicate_blocking_keys) || ' ' ||
                   (SELECT string_agg(entity_id || ':' || observations || ':' || keys::text, ',' ORDER BY entity_id) FROM duplicate_keyed) || ' ' ||
                   (SELECT count(*) FROM pg_indexes WHERE indexname = 'blocking_keys_by_key')
            """));
    }

    [Fact]
    public async Task Relations_written_before_their_term_index_are_found_by_their_words_after_it()
    {
        await MigratedBeforeAsync(250, UpgradedRelationTerms.Rows("2026-01-01Z"));
        await using var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None);
        await UpgradedRelationTerms.FoundByTheirWordsAsync(store);
    }

    [Fact]
    public async Task Documents_converted_before_the_recall_index_are_indexed_by_the_background_run_and_found_after_it()
    {
        await MigratedBeforeAsync(60, UpgradedRecallIndex.Rows("'2026-01-01Z'"));

        await using var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None);
        await UpgradedRecallIndex.AreIndexedInTheBackgroundAndFoundAsync(store);
    }

    [Theory]
    [InlineData(340)]
    [InlineData(470)]
    public async Task Recall_statistics_kept_equal_the_counts_of_rows_written_before_the_migration(long migration)
    {
        await MigratedBeforeAsync(migration, UpgradedRecallVectors.Rows("'2026-01-01Z'", bytes => $"'\\x{Convert.ToHexString(bytes)}'::bytea"));

        await using var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None);
        await UpgradedRecallVectors.KeepTheCountsOfRowsWrittenBeforeAsync(store);
    }

    [Fact]
    public async Task Recall_postings_written_a_row_each_before_migration_360_read_back_the_same_from_the_lists_and_follow_later_writes()
    {
        await MigratedBeforeAsync(360, UpgradedRecallPostings.Rows("'2026-01-01Z'"));

        await using var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None);
        await UpgradedRecallPostings.ReadBackAndFollowLaterWritesAsync(store);
    }

    [Fact]
    public async Task Vectors_written_before_the_backfill_walk_index_read_back_byte_for_byte_after_it()
    {
        await MigratedBeforeAsync(335, UpgradedRecallVectors.Rows("'2026-01-01Z'", bytes => $"'\\x{Convert.ToHexString(bytes)}'::bytea"));

        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedRecallVectors.ReadBackByteForByteAndFollowLaterWritesAsync(store);
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        Assert.Equal("CREATE INDEX recall_units_by_user ON public.recall_units USING btree (user_id, document_id, block_index, length)",
            await check.ExecuteScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'recall_units_by_user'"));
    }

    [Fact]
    public async Task Observations_written_before_their_lean_layout_give_the_same_sources_times_history_and_entities_after_it()
    {
        const string At1 = UpgradedObservations.At1, At2 = UpgradedObservations.At2, At3 = UpgradedObservations.At3;
        await MigratedBeforeAsync(310, $$"""
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
            INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, reason, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 'ent_1', 'src_1', 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', NULL, '{{At1}}', '{{At1}}'),
                   ('obs_2', 'usr_a', 'ent_2', 'ent_2', 'src_1', 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bob Stone"}', NULL, '{{At1}}', '{{At1}}'),
                   ('obs_3', 'usr_a', 'ent_1', 'ent_1', NULL, NULL, 'correction', 'correction', 1000, 'accepted', '{"email":"ada@example.com"}', 'typo', '{{At3}}', '{{At3}}'),
                   ('obs_4', 'usr_a', 'ent_2', 'ent_2', 'src_2', 'run_1', 'structured', 'index:2', 100, 'accepted', '{"title":"Mason"}', NULL, '{{At1}}', '{{At2}}'),
                   ('obs_5', 'usr_a', 'ent_2', 'ent_2', NULL, 'run_1', 'structured', 'index:3', 100, 'accepted', '{}', NULL, '{{At2}}', '{{At2}}');
            """);

        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedObservations.GiveTheSameAnswersAndFollowLaterWritesAsync(store);
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        // The run's source is left out of the row.
        Assert.Equal("obs_1:- obs_2:- obs_3:- obs_4:src_2 obs_5: obs_6:- obs_7:src_2", await check.ExecuteScalarAsync<string>(
            "SELECT string_agg(id || ':' || coalesce(source_id, '-'), ' ' ORDER BY seq) FROM observations"));
    }

    [Fact]
    public async Task Observations_written_before_migration_460_name_their_first_entity_only_while_they_are_elsewhere_and_read_back_the_same()
    {
        const string At1 = "2026-01-01T00:00:01.000000Z", At2 = "2026-01-01T00:00:02.000000Z";
        await MigratedBeforeAsync(460, $$"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{At1}}'), ('usr_b', 'b', 'free', '{{At1}}');
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
            VALUES ('src_1', 'usr_a', 'h1', 1, 'text/csv', 'stored', '{{At1}}');
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ('run_1', 'usr_a', 'src_1', 'csv', '1', '{}', 'c', 'completed', '{{At1}}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', NULL, NULL, '{{At1}}', '{{At1}}', '{"name":"Ada Lovelace"}', '"obs_1"', 1, 'ada lovelace'),
                   ('ent_2', 'usr_a', 'contact', 'Bob Stone', NULL, NULL, '{{At1}}', '{{At2}}', '{"name":"Bob Stone"}', '"obs_2"', 2, 'bob stone'),
                   ('ent_3', 'usr_a', 'contact', 'Bob S.', 'ent_2', '{{At2}}', '{{At1}}', '{{At2}}', '{"name":"Bob S."}', '"obs_3"', 0, 'bob s.'),
                   ('ent_4', 'usr_b', 'contact', 'Ada Lovelace', NULL, NULL, '{{At1}}', '{{At1}}', '{"name":"Ada Lovelace"}', '"obs_4"', 1, 'ada lovelace');
            INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at)
            VALUES ('obs_1', 'usr_a', 'ent_1', 'ent_1', NULL, 'run_1', 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', '{{At1}}', '{{At1}}'),
                   ('obs_2', 'usr_a', 'ent_2', 'ent_2', NULL, 'run_1', 'structured', 'index:1', 100, 'accepted', '{"name":"Bob Stone"}', '{{At1}}', '{{At1}}'),
                   ('obs_3', 'usr_a', 'ent_2', 'ent_3', NULL, 'run_1', 'structured', 'index:2', 100, 'accepted', '{"name":"Bob S."}', '{{At1}}', '{{At1}}'),
                   ('obs_4', 'usr_b', 'ent_4', 'ent_4', NULL, NULL, 'structured', 'index:0', 100, 'accepted', '{"name":"Ada Lovelace"}', '{{At1}}', '{{At1}}');
            """);

        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        async Task<string> StoredOriginals() => (await check.ExecuteScalarAsync<string>(
            "SELECT string_agg(id || ':' || original_entity_id, ' ' ORDER BY seq) FROM observations"))!;
        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedObservationOriginals.GiveTheSameAnswersAndFollowMovesAsync(store, StoredOriginals);
        }
        // A statement that names the first entity itself as it moves a row is taken at its word.
        await check.ExecuteAsync("UPDATE observations SET entity_id = 'ent_1', original_entity_id = 'ent_3' WHERE id = 'obs_5'");
        Assert.Equal("obs_1: obs_2: obs_3: obs_4: obs_5:ent_3", await StoredOriginals());
    }

    [Fact]
    public async Task Relation_observations_written_before_their_lean_layout_give_the_same_ends_sources_and_archive_after_it()
    {
        await MigratedBeforeAsync(380, UpgradedRelationObservations.Rows("2026-01-01T00:00:01.000000Z"));

        await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
        {
            await UpgradedRelationObservations.GiveTheSameAnswersAndFollowLaterWritesAsync(store);
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        // First ends equal to the ends and the run's source are left out; a forgotten run's source is written back.
        Assert.Equal("rel_1:::src_1 rel_2:::src_2 rel_3::: rel_4:::src_1 rel_5:::src_2", await check.ExecuteScalarAsync<string>("""
            SELECT string_agg(id || ':' || original_from_entity_id || ':' || original_to_entity_id || ':' || source_id, ' ' ORDER BY seq)
            FROM relation_observations
            """));
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'relation_observations_by_run'")); // 0385
    }

    [Fact]
    public async Task Entities_written_before_the_trigram_index_are_found_through_it_after_migration_395()
    {
        const string At1 = "2026-01-01T00:00:01.000000Z", At2 = "2026-01-01T00:00:02.000000Z";
        await MigratedBeforeAsync(395, $$"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{At1}}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '{{At1}}', '{{At1}}', '{"name":"Ada Lovelace"}', '{"name":"obs_1"}', 1,
                    'ada lovelace ada@example.com'),
                   ('ent_2', 'usr_a', 'contact', 'Zoë Ångström', '{{At1}}', '{{At2}}', '{"name":"Zoë Ångström"}', '{"name":"obs_2"}', 1, 'zoë ångström');
            """);

        // Sequential scans priced out: the planner answers from the index even on two rows.
        var url = new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(_url!)) { Options = "-c enable_seqscan=off" }.ConnectionString;
        await using (var store = await PostgresStrataStore.OpenAsync(url, TimeProvider.System, CancellationToken.None))
        {
            await using var read = await store.OpenReadAsync("usr_a", CancellationToken.None);
            foreach (var (text, expected) in new[] { ("lovelace", "ent_1"), ("@example.c", "ent_1"), ("angstrom zoe", "ent_2"), ("ångström", "ent_2"), ("ngstr", "ent_2") })
            {
                var page = await read.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, text, false, new Strata.Core.Paging(10)), CancellationToken.None);
                Assert.Equal([expected], page.Items.Select(s => s.EntityId));
            }
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        Assert.Equal(1L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'entities_text_trigrams'"));
        await check.OpenAsync();
        await check.ExecuteAsync("SET enable_seqscan = off");
        var plan = string.Join('\n', await check.QueryAsync<string>("""
            EXPLAIN SELECT id FROM entities WHERE (CASE WHEN octet_length(search_text) = char_length(search_text) THEN search_text
                ELSE search_text || ' ' || regexp_replace(normalize(search_text, NFD), '[\u0300-\u036f]', '', 'g') END) LIKE '%angstrom%'
            """));
        Assert.Contains("entities_text_trigrams", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_written_before_the_word_index_are_found_by_whole_words_through_it_after_migration_500()
    {
        const string At1 = "2026-01-01T00:00:01.000000Z", At2 = "2026-01-01T00:00:02.000000Z";
        await MigratedBeforeAsync(500, $$"""
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{At1}}'), ('usr_b', 'b', 'free', '{{At1}}');
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json, observation_count, search_text)
            VALUES ('ent_1', 'usr_a', 'contact', 'Ada Lovelace', '{{At1}}', '{{At1}}', '{"name":"Ada Lovelace"}', '{"name":"obs_1"}', 1,
                    'ada lovelace ada@example.com'),
                   ('ent_2', 'usr_a', 'contact', 'Zoë Ångström', '{{At1}}', '{{At2}}', '{"name":"Zoë Ångström"}', '{"name":"obs_2"}', 1, 'zoë ångström-hotdogs'),
                   ('ent_3', 'usr_b', 'contact', 'Ada Byron', '{{At1}}', '{{At2}}', '{"name":"Ada Byron"}', '{"name":"obs_3"}', 1, 'ada byron');
            """);

        // Sequential scans priced out: the planner answers from the index even on three rows.
        var url = new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(_url!)) { Options = "-c enable_seqscan=off" }.ConnectionString;
        await using (var store = await PostgresStrataStore.OpenAsync(url, TimeProvider.System, CancellationToken.None))
        {
            await using var read = await store.OpenReadAsync("usr_a", CancellationToken.None);
            foreach (var (text, expected) in new[] { ("lovelace", "ent_1"), ("ada", "ent_1"), ("example", "ent_1"), ("angstr zoe", "ent_2"), ("hotdog", "ent_2") })
            {
                var page = await read.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, text, false, new Strata.Core.Paging(10), WordsOnly: true),
                    CancellationToken.None);
                Assert.Equal([expected], page.Items.Select(s => s.EntityId));
            }
            foreach (var text in new[] { "dogs", "ovelace", "byron" })
            {
                var page = await read.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, text, false, new Strata.Core.Paging(10), WordsOnly: true),
                    CancellationToken.None);
                Assert.Empty(page.Items);
            }
        }
        await using var check = new NpgsqlConnection(_url + ";Pooling=false");
        await check.OpenAsync();
        await check.ExecuteAsync("SET enable_seqscan = off");
        var plan = string.Join('\n', await check.QueryAsync<string>("EXPLAIN SELECT id FROM entities WHERE strata_entity_words(search_text) @@ '''angstr'':*'::tsquery"));
        Assert.Contains("entities_text_words", plan, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_profile_graph_written_before_migration_315_is_searched_after_it_as_folding_it_whole_answered() =>
        ProfileGraphUpgradedAsync(UpgradedMemoryTexts.BeforeMigration, UpgradedMemoryTexts.AnswerTheSameAndFollowLaterWritesAsync);

    [Fact]
    public Task A_profile_graph_written_before_migration_350_keeps_each_entity_s_state_after_it_and_is_searched_as_before() =>
        ProfileGraphUpgradedAsync(UpgradedMemoryTexts.BeforeStateMigration, UpgradedMemoryTexts.KeepStatesAnswerTheSameAndFollowLaterWritesAsync);

    [Fact]
    public Task A_profile_graph_whose_entities_keep_no_state_is_searched_by_folding_their_observations_as_before() =>
        ProfileGraphUpgradedAsync(UpgradedMemoryTexts.StatesNotKept, UpgradedMemoryTexts.AnswerTheSameAndFollowLaterWritesAsync);

    /// <summary>A profile graph written by today's code, then <paramref name="beforeMigration"/> run (the store as it was
    /// before a migration), then the store opened again (the migration applied) and <paramref name="check"/>ed against
    /// what the graph answered before.</summary>
    private async Task ProfileGraphUpgradedAsync(string beforeMigration,
        Func<IStrataStore, string, Dictionary<string, string>, Task> check)
    {
        var files = Path.Combine(Path.GetTempPath(), "strata-pg-upgrade-" + Guid.NewGuid().ToString("N"));
        try
        {
            Dictionary<string, string> before;
            await using (var store = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None))
            {
                before = await UpgradedMemoryTexts.WriteAsync(store, files);
            }
            await using (var connection = new NpgsqlConnection(_url + ";Pooling=false"))
            {
                await connection.ExecuteAsync(beforeMigration);
            }

            await using var upgraded = await PostgresStrataStore.OpenAsync(_url!, TimeProvider.System, CancellationToken.None);
            await check(upgraded, files, before);
        }
        finally
        {
            try { Directory.Delete(files, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The database as the migrations before <paramref name="version"/> left it, holding <paramref name="rows"/>
    /// (written as the admin role, as an older release's rows were).</summary>
    private async Task MigratedBeforeAsync(long version, string rows)
    {
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """);
        var assembly = typeof(PostgresStrataStore).Assembly;
        const string Marker = ".Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(Marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var migration = resource[(resource.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
            var number = long.Parse(migration[..migration.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            if (number >= version) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            await connection.ExecuteAsync(await reader.ReadToEndAsync());
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (@number, @migration)", new { number, migration });
        }
        await connection.ExecuteAsync(rows);
    }
}
