using Dapper;
using Npgsql;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>
/// The embedding backfill's walk on PostgreSQL (the SQLite side: Strata.Sqlite.Tests.RecallBackfillQueryPlanTests), planned
/// over two users of 10,000 units each, half of one user's units with a vector, the statistics analysed: a page after
/// the last unit read is a range seek on recall_units_by_user (migration 0335) stopped by its LIMIT, each unit probed for
/// its vector and joined to its text by key — no sort of the user's units and no scan of a table. And it is not compiled by
/// the JIT: priced at the user's whole range, a page of a large user's walk passes jit_above_cost, and compiling took ten
/// times the page's own work.
/// </summary>
public sealed class PostgresRecallBackfillQueryPlanTests : IAsyncLifetime
{
    private string? _url;

    public async Task InitializeAsync()
    {
        _url = await PostgresTestDatabase.CreateHoldingAsync("""
            INSERT INTO users (id, name, plan, created_at) SELECT 'usr_' || u, u, 'free', now() FROM unnest(ARRAY['a', 'b']) u;
            INSERT INTO projects (id, user_id, name, created_at, updated_at) SELECT 'prj_' || u, 'usr_' || u, 'default', now(), now() FROM unnest(ARRAY['a', 'b']) u;
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, created_at)
            SELECT 'src_' || u || d, 'usr_' || u, 'h' || u || d, 10, 'text/markdown', 'note.md', 'stored', now() FROM unnest(ARRAY['a', 'b']) u, generate_series(10, 29) d;
            INSERT INTO documents (id, user_id, project_id, source_id, name, media_type, status, block_count, created_at, updated_at)
            SELECT 'doc_' || u || d, 'usr_' || u, 'prj_' || u, 'src_' || u || d, 'note.md', 'text/markdown', 'ingested', 500, now(), now()
            FROM unnest(ARRAY['a', 'b']) u, generate_series(10, 29) d;
            INSERT INTO document_blocks (user_id, document_id, block_index, block_uid, block_type, content, heading_path, locator, attributes)
            SELECT d.user_id, d.id, i, d.id || ':' || i, 'paragraph', 'Block ' || i || ': the garden, the roses and the shed.', '[]',
                '{"kind":"text_offset_range","start":0,"end":40}', NULL
            FROM documents d, generate_series(0, 499) i;
            INSERT INTO recall_units (user_id, document_id, block_index, kind, at, length) SELECT user_id, document_id, block_index, 'block', NULL, 9 FROM document_blocks;
            INSERT INTO recall_vectors (user_id, model, document_id, block_index, dimensions, vector)
            SELECT user_id, 'm-384', document_id, block_index, 384, decode(repeat('00', 1536), 'hex') FROM recall_units WHERE user_id = 'usr_a' AND document_id < 'doc_a20';
            ANALYZE;
            """);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_url is not null) await PostgresTestDatabase.DropAsync(_url);
    }

    [Fact]
    public async Task A_page_of_the_walk_after_the_last_unit_is_a_range_seek_that_never_sorts_or_scans()
    {
        var sql = PostgresDialect.Instance.Recall;
        var plan = await PlanAsync(sql.Unembedded + sql.UnembeddedAfter + sql.UnembeddedOrder, "doc_a15");

        Assert.Contains(plan, step => step.Contains("Index Only Scan using recall_units_by_user on recall_units u", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("ROW(document_id, block_index) > ROW(", StringComparison.Ordinal));
        // The vector probed per unit by the whole key, the text read by key (subplans).
        AssertProbesByKey(plan);
        Assert.DoesNotContain(plan, step => step.Contains("Sort", StringComparison.Ordinal) || step.Contains("Seq Scan", StringComparison.Ordinal)
            || step.Contains("Hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_page_of_the_walk_reads_the_users_units_in_index_order_without_a_sort()
    {
        var sql = PostgresDialect.Instance.Recall;
        var plan = await PlanAsync(sql.Unembedded + sql.UnembeddedOrder, null);

        Assert.Contains(plan, step => step.Contains("Index Only Scan using recall_units_by_user on recall_units u", StringComparison.Ordinal));
        AssertProbesByKey(plan);
        Assert.DoesNotContain(plan, step => step.Contains("Sort", StringComparison.Ordinal) || step.Contains("Seq Scan", StringComparison.Ordinal)
            || step.Contains("Hash", StringComparison.Ordinal));
    }

    /// <summary>At a backfill's start the vectors table is empty and analysed so: planned then, a page probed it by a
    /// sequential scan per unit (nearly free at 0 pages) and kept that plan while the writer filled the table — 2,048
    /// units times every vector written, past the 30 s command timeout at 200,000 units. The walk's settings keep the
    /// probe by key whatever the table's size.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_page_planned_while_the_vectors_table_is_empty_still_probes_it_by_key(bool after)
    {
        var sql = PostgresDialect.Instance.Recall;
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("TRUNCATE recall_vectors; ANALYZE recall_vectors;", transaction: transaction);
        await connection.ExecuteAsync(sql.UnembeddedSettings!, transaction: transaction);
        var plan = (await connection.QueryAsync<string>("EXPLAIN " + sql.Unembedded + (after ? sql.UnembeddedAfter : "") + sql.UnembeddedOrder,
            new { UserId = "usr_a", model = "m-384", afterDocument = after ? "doc_a15" : null, afterIndex = 250, limit = 512 }, transaction)).ToList();

        AssertProbesByKey(plan);
        Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_page_of_the_walk_is_never_compiled_by_the_jit_however_many_units_the_planner_prices_it_at()
    {
        var sql = PostgresDialect.Instance.Recall;
        var page = sql.Unembedded + sql.UnembeddedAfter + sql.UnembeddedOrder;

        // Every query priced over the JIT's threshold, as a page over a user of tens of thousands of units is.
        Assert.DoesNotContain(await ExecutedPlanAsync(page, sql.UnembeddedSettings), step => step.StartsWith("JIT:", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        if (await connection.ExecuteScalarAsync<bool>("SELECT pg_jit_available()"))
        {
            Assert.Contains(await ExecutedPlanAsync(page, null), step => step.StartsWith("JIT:", StringComparison.Ordinal));
        }
    }

    private async Task<List<string>> ExecutedPlanAsync(string sql, string? settings)
    {
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL jit_above_cost = 0", transaction: transaction);
        if (settings is not null) await connection.ExecuteAsync(settings, transaction: transaction);
        return (await connection.QueryAsync<string>("EXPLAIN (ANALYZE) " + sql,
            new { UserId = "usr_a", model = "m-384", afterDocument = "doc_a15", afterIndex = 250, limit = 512 }, transaction)).ToList();
    }

    /// <summary>The vector (by an index of its unit or its whole key) and the text (by the block's key) are looked up per unit.</summary>
    private static void AssertProbesByKey(List<string> plan)
    {
        Assert.Contains(plan, step => step.Contains("Index Scan using document_blocks_pkey on document_blocks b", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains(" on recall_vectors v", StringComparison.Ordinal) && step.Contains("Index", StringComparison.Ordinal));
        Assert.Equal(2, plan.Count(step => step.Contains("Index Cond: ", StringComparison.Ordinal)
            && step.Contains("(document_id = u.document_id) AND (block_index = u.block_index)", StringComparison.Ordinal)));
    }

    private async Task<List<string>> PlanAsync(string sql, string? afterDocument)
    {
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        var plan = (await connection.QueryAsync<string>("EXPLAIN " + sql,
            new { UserId = "usr_a", model = "m-384", afterDocument, afterIndex = 250, limit = 512 })).ToList();
        return plan;
    }
}
