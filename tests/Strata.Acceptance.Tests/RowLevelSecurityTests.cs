using Dapper;
using Npgsql;
using Strata.Acceptance.Tests.Support;
using Strata.Postgres.Storage;

namespace Strata.Acceptance.Tests;

/// <summary>
/// PostgreSQL's row-level security is a second wall: even SQL that forgets the user filter reaches nothing of another
/// user's, in any table, for any statement. The tables come from the catalogue, so a table added later is covered
/// (or fails <see cref="EveryTableInThePublicSchemaIsUnderRowLevelSecurityOrHoldsNoUserData"/> until it is).
/// </summary>
public sealed class RowLevelSecurityTests
{
    /// <summary>Tables that hold no user's data, so need no policy. Add one here only with the reason.</summary>
    private static readonly Dictionary<string, string> NoUserData = new()
    {
        ["schema_migrations"] = "which migrations ran: the same for every user",
    };

    private const string PublicTables = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
        """;

    [Fact]
    public void EveryTableInThePublicSchemaIsUnderRowLevelSecurityOrHoldsNoUserData()
    {
        using var strata = TestStrata.Create(Backends.Postgres);

        var unprotected = strata.Rows("""
            SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND NOT (c.relrowsecurity AND EXISTS (
                  SELECT 1 FROM pg_policies p
                  WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.cmd = 'ALL' AND p.qual LIKE '%strata.user_id%'
                    AND (p.roles::text[] && ARRAY['public', 'strata_app'])))
            ORDER BY c.relname
            """).Select(row => row["name=".Length..]).Where(table => !NoUserData.ContainsKey(table)).ToList();
        // The policies bind the role every user session runs as: it must not own the tables (owners pass RLS unless
        // it is forced, and the workers, which run as the owner across users, need it not forced) nor bypass RLS.
        var role = strata.Rows("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'strata_app'");
        var ownedByApp = strata.Rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'strata_app'");

        Assert.Empty(unprotected);
        Assert.Equal(["rolsuper=False|rolbypassrls=False"], role);
        Assert.Empty(ownedByApp);
    }

    [Fact]
    public async Task AnotherUsersSessionCanSelectInsertUpdateAndDeleteNothingOfHersInAnyTable()
    {
        using var strata = TestStrata.Create(Backends.Postgres,
            configurationJson: """{"Llm": {"Providers": {"fake": {"Kind": "openai", "BaseUrl": "http://127.0.0.1:9/v1"}}}}""");
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        await FillEveryTableAsync(strata, alice);
        await strata.StoreAsync(bob, """[{"entity_type":"contact","name":"Bob's friend","email":"friend@example.com"}]""");
        var store = (PostgresStrataStore)strata.Services.Store;
        var tables = strata.Rows(PublicTables).Select(r => r["relname=".Length..]).Where(t => !NoUserData.ContainsKey(t)).ToList();
        var before = tables.ToDictionary(t => t, t => RowsOf(strata, t, alice));
        Assert.All(tables, t => Assert.True(before[t].Count > 0, $"alice has no row in {t}: fill it, or the checks below prove nothing for it"));

        foreach (var table in tables)
        {
            var owner = OwnerColumn(table);
            var others = $"{owner} IS DISTINCT FROM @bob";
            await AsAsync(store, bob, async (connection, transaction) =>
            {
                var seen = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {others}", new { bob }, transaction);
                Assert.True(seen == 0, $"bob's session sees {seen} row(s) of other users in {table}");
            });
            await AssertChangesNothingAsync(store, bob, $"UPDATE {table} SET {owner} = {owner} WHERE {others}", new { bob });
            await AssertChangesNothingAsync(store, bob, $"DELETE FROM {table} WHERE {others}", new { bob });
            // A row in her name, copied from one of hers: the policy's WITH CHECK refuses it before any constraint could.
            await AssertRefusedAsync(store, bob, $"INSERT INTO {table} SELECT * FROM jsonb_populate_record(NULL::{table}, @row::jsonb)", new { row = before[table][0] });
            // And one of his own rows may not be handed to her.
            if (await CountAsync(store, bob, table, bob) > 0)
            {
                await AssertRefusedAsync(store, bob, $"UPDATE {table} SET {owner} = @alice WHERE {owner} = @bob", new { alice, bob });
            }
        }

        Assert.All(tables, t => Assert.Equal(before[t], RowsOf(strata, t, alice)));
    }

    /// <summary>Alice's data in every table: sources, runs and observations from an ingest (a field the schema does
    /// not declare becomes a raw fragment, a birthday a timeline event), a schema, a merge (undone once: a split), a queued job, usage, and
    /// a potential duplicate pair, an API key and a web session, bytes waiting for their upload, a run item, evidence, a call slot, her LLM key, default model and calls,
    /// a relation, a document pending for the recall index, a recall vector, a webhook and a delivery, a bulk change and its block,
    /// a memory-server profile entity.</summary>
    private static async Task FillEveryTableAsync(TestStrata strata, string alice)
    {
        await strata.IngestTextAsync(alice, "people.csv",
            "name,email,birthday,shoe_size\nAda Lovelace,ada@example.com,1815-12-10,37\nAda Lovelac,ada.l@example.com,1815-12-10,37\n", type: "contact");
        await strata.IngestTextAsync(alice, "later.csv", "name,email\nAlan Turing,alan@example.com\n", type: "contact", wait: false);
        await strata.Services.Schemas.RegisterAsync(alice, System.Text.Json.JsonDocument.Parse(
            """{"entity_type":"book","fields":{"title":{"type":"string"}},"canonical_name":["title"]}""").RootElement, CancellationToken.None);
        var stored = await strata.StoreAsync(alice, """[{"entity_type":"contact","name":"Ada King","email":"ada.king@example.com"},{"entity_type":"contact","name":"A. King","email":"a.king@example.com"}]""");
        // An entity of the memory-server profile (its search generation, migration 0370).
        await strata.Services.MemoryServer.CreateEntitiesAsync(alice, [new Strata.Core.MemoryServer.MemoryEntity("Ada", "person", ["likes tea"])],
            CancellationToken.None);
        var merge = await strata.Services.Merges.MergeAsync(alice, stored.Entities[1].EntityId, stored.Entities[0].EntityId, "same person", CancellationToken.None);
        // A split row: the merge undone, and done again so the merges table keeps a live merge too.
        await strata.Services.Splits.UnmergeAsync(alice, merge.MergeId, "not the same after all", CancellationToken.None);
        await strata.Services.Merges.MergeAsync(alice, stored.Entities[1].EntityId, stored.Entities[0].EntityId, "same person", CancellationToken.None);
        await strata.Services.Duplicates.ScanAsync(alice, CancellationToken.None);
        var laptop = await strata.Services.Users.CreateKeyAsync("alice", "laptop", CancellationToken.None);
        // A session of the web page, opened with that key.
        Assert.NotNull(await strata.Services.Users.SignInAsync(laptop.ApiKey, CancellationToken.None));
        // LLM settings and accounting: a sealed provider key, a default model, a model call.
        await strata.Services.ProviderKeys.SetAsync(alice, "fake", "sk-alice-secret", CancellationToken.None);
        await strata.Services.Models.SetDefaultAsync(alice, "fake/small", CancellationToken.None);
        await strata.Services.LlmAccounting.RecordAsync(new Strata.Core.Llm.LlmCallUsage(alice, null, [0], "fake", "small", 10, 5, 0, 0, 0.001m,
            TimeSpan.FromSeconds(1), "ok", strata.Clock.GetUtcNow()), CancellationToken.None);
        // Bytes the blob store refused wait in the database for their upload.
        strata.Blobs.Failing = true;
        await strata.IngestTextAsync(alice, "refused.txt", "kept in the database until the blob store is back", interpret: false);
        strata.Blobs.Failing = false;
        // An LLM run's item, a value's evidence, and a call slot she holds (written through the stores, as a run would).
        var run = (await strata.Services.Sources.ListRunsAsync(alice, null, new Strata.Core.Paging(1), CancellationToken.None)).Runs[0];
        var now = strata.Clock.GetUtcNow();
        await using (var session = await strata.Services.Store.OpenWriteAsync(alice, CancellationToken.None))
        {
            await session.RunItems.InsertManyAsync([Strata.Core.Runs.Items.RunItem.Pending(run.RunId, 0, 0, 10, now)], CancellationToken.None);
            await session.Evidence.InsertManyAsync([new Strata.Core.Llm.ObservationEvidence("obs_x", "name", run.RunId, 0, "Ada", true, 0, 3, "exact")],
                CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        // A project holding a converted document (its blocks), and a delete in her audit.
        await strata.Services.Projects.CreateAsync(alice, "Contracts", CancellationToken.None);
        var lease = (await strata.Services.Documents.AddFileAsync(alice, "Contracts", new MemoryStream("# Lease\n\nRent is due monthly.\n"u8.ToArray()), "lease.md", null,
            wait: true, CancellationToken.None)).Document;
        // A block run over it with one staged value (written through the store, as a run's worker would).
        await using (var session = await strata.Services.Store.OpenWriteAsync(alice, CancellationToken.None))
        {
            await session.Review.InsertRunAsync(new Strata.Core.Review.BlockRun(run.RunId, lease.DocumentId, lease.ProjectId, "clause-review", 1, "uid", now),
                CancellationToken.None);
            await session.Review.StageAsync(new Strata.Core.Review.BlockValue(run.RunId, 0, lease.ConvUid + ":0", lease.DocumentId, lease.ProjectId, "clause-review",
                "staged", "{}", "{}", false, null, null, null, null, null, null, now), CancellationToken.None);
            // A bulk change over it (its step and its block), as apply_bulk_change records one.
            await session.Review.InsertBulkChangeAsync(new Strata.Core.Review.BulkChange("bch_x", run.RunId, "reject", now, null,
                [new Strata.Core.Review.BulkChangeBlock(0, null)]), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        await using (var session = await strata.Services.Store.OpenWriteAsync(alice, CancellationToken.None))
        {
            await session.Deletions.InsertAsync(new Strata.Core.Deletions.Deletion("del_x", alice, "document", "doc_x", "old.md",
                new Dictionary<string, long> { ["blocks"] = 1 }, now), CancellationToken.None);
            // A webhook (its secret sealed, as add_webhook stores it) and one delivery to it.
            await session.Webhooks.InsertAsync(new Strata.Core.Webhooks.Webhook("whk_x", alice, "https://hooks.example.com/strata", ["run.completed"],
                [1, 2, 3], now), CancellationToken.None);
            await session.Webhooks.InsertDeliveryAsync(new Strata.Core.Webhooks.WebhookDelivery("whd_x", "whk_x", "run.completed", "{}", "pending", 0, null, null,
                now, now, null), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        // A chat import (its conversations), where one of its facts was said, and a generated section of her MEMORY.md.
        var import = await strata.Services.ChatImports.ImportAsync(alice, new Strata.Core.Imports.ChatImportRequest(new MemoryStream(
            """[{"uuid":"c1","name":"Coffee","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk."}]}]"""u8.ToArray()), "claude", null),
            null, CancellationToken.None);
        await using (var session = await strata.Services.Store.OpenWriteAsync(alice, CancellationToken.None))
        {
            await session.ChatImports.InsertEvidenceAsync([new Strata.Core.Imports.ChatEvidence("obs_x", "value", import.ImportId, "src_x", 0, "m1", "conv_x:0",
                true, 2, 6, "prefer")], CancellationToken.None);
            await session.ChatImports.SaveGeneratedAsync([new Strata.Core.Memory.Sections.GeneratedSection("summary", "Alice likes oat milk.", "generated",
                null, null, "fake/small", 1, now)], CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        // A relation between two of her entities (graph memory), and a document the recall index has yet to read.
        await strata.Services.Structured.StoreAsync(alice, new Strata.Core.Observations.StoreRequest(
            System.Text.Json.JsonDocument.Parse("""[{"entity_type":"contact","name":"Grace Hopper","email":"grace@example.com"},{"entity_type":"company","name":"Navy"}]""")
                .RootElement.EnumerateArray().ToList(), null, null,
            System.Text.Json.JsonDocument.Parse("""[{"from":0,"relation_type":"works_at","to":1}]""").RootElement.EnumerateArray().ToList()), CancellationToken.None);
        strata.Execute("INSERT INTO recall_pending_documents (user_id, document_id) VALUES (@alice, @document)", new { alice, document = lease.DocumentId });
        // A recall vector of one of her blocks (written through the store, as the embedding backfill would).
        await using (var session = await strata.Services.Store.OpenWriteAsync(alice, CancellationToken.None))
        {
            await session.Recall.AddVectorsAsync("fake-embed", [(new Strata.Core.Recall.UnitKey(lease.DocumentId, 0), new[] { 1f, 0f })], CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        Assert.NotNull(await strata.Services.Store.LlmCallSlots.TryAcquireAsync(alice, "test", new Strata.Core.Llm.LlmCallLimits(4, 4, TimeSpan.FromDays(1)),
            now, CancellationToken.None));
    }

    private static string OwnerColumn(string table) => table == "users" ? "id" : "user_id";

    /// <summary>Every row of the user's in the table, read as the tables' owner (past row-level security).</summary>
    private static List<string> RowsOf(TestStrata strata, string table, string userId) =>
        strata.Rows($"SELECT to_jsonb(t)::text AS row FROM {table} t WHERE {OwnerColumn(table)} = @userId ORDER BY 1", new { userId })
            .Select(r => r["row=".Length..]).ToList();

    private static async Task<long> CountAsync(PostgresStrataStore store, string userId, string table, string owner)
    {
        long count = 0;
        await AsAsync(store, userId, async (connection, transaction) =>
            count = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {OwnerColumn(table)} = @owner", new { owner }, transaction));
        return count;
    }

    /// <summary>The statement, committed, touches no row: row-level security hid every row of another user's from it,
    /// or the role may not run it at all.</summary>
    private static Task AssertChangesNothingAsync(PostgresStrataStore store, string userId, string sql, object parameters) =>
        AsAsync(store, userId, async (connection, transaction) =>
        {
            try
            {
                Assert.Equal(0, await connection.ExecuteAsync(sql, parameters, transaction));
                await transaction.CommitAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // e.g. DELETE on users, which the session role is not granted at all
            }
        });

    /// <summary>The statement is refused as a privilege violation (the policy's WITH CHECK), not by some constraint.</summary>
    private static Task AssertRefusedAsync(PostgresStrataStore store, string userId, string sql, object parameters) =>
        AsAsync(store, userId, async (connection, transaction) =>
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, parameters, transaction));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
        });

    private static async Task AsAsync(PostgresStrataStore store, string userId, Func<NpgsqlConnection, NpgsqlTransaction, Task> act)
    {
        var (connection, transaction) = await store.OpenScopedAsync(userId, CancellationToken.None);
        await using (connection)
        await using (transaction)
        {
            Assert.Equal("strata_app", await connection.ExecuteScalarAsync<string>("SELECT current_user", transaction: transaction));
            await act(connection, transaction);
        }
    }
}
