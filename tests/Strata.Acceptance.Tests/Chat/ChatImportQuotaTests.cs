using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Usage;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Chat imports count against the storage quota: a batch that would pass it is rolled back whole and the import
/// is refused with the quota's code, so what is stored is exactly what is counted.</summary>
public sealed class ChatImportQuotaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static MemoryStream Export(string prefix, int conversations) => ChatExports.Claude(Enumerable.Range(1, conversations)
        .Select(i => ($"{prefix}{i}", $"Talk {i}", new[] { ("human", $"{prefix} message number {i}, long enough to weigh a few hundred bytes once stored.", "2024-01-05T08:00:00Z") }))
        .ToArray());

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_import_over_the_quota_is_refused_with_the_quota_code_and_stores_nothing(string backend)
    {
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"StorageBytes": 300}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var before = Count(strata);

        var refused = await Assert.ThrowsAsync<StrataException>(() =>
            strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export("a", 5), "claude", null), null, None));

        Assert.Equal(ErrorCodes.StorageQuotaExceeded, refused.Code);
        Assert.Contains("0 conversations were stored", refused.Message);
        Assert.Equal(before, Count(strata));
        Assert.Equal(0, (await strata.Services.Usage.GetUsageAsync(user, None)).BytesStored);
        var import = Assert.Single(strata.Rows("SELECT status, error FROM chat_imports"));
        Assert.Contains("status=failed", import);
        Assert.Contains(ErrorCodes.StorageQuotaExceeded, import);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_batch_that_passes_the_quota_is_rolled_back_whole_and_what_is_stored_is_what_is_counted(string backend)
    {
        // Room for the first batch of two (two sources' fixed charge and their payload), not for all twelve.
        const long limit = 2 * StorageCost.PerSourceBytes + 1500;
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"StorageBytes": """ + limit + """}}, "ChatImport": {"BatchSize": 2}}""", backend: backend);
        var user = await strata.UserAsync("alice");

        var refused = await Assert.ThrowsAsync<StrataException>(() =>
            strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export("a", 12), "claude", null), null, None));

        Assert.Equal(ErrorCodes.StorageQuotaExceeded, refused.Code);
        var (sources, payload) = Stored(strata);
        var usage = await strata.Services.Usage.GetUsageAsync(user, None);
        Assert.Equal(StorageCost.Of(payload, sources), usage.BytesStored);
        Assert.True(usage.BytesStored is > 0 and <= limit);
        Assert.Equal(0, sources % 2); // whole batches of two
        var counts = Count(strata);
        Assert.Equal((sources, sources, sources, sources), (counts.Sources, counts.Documents, counts.Conversations, counts.Blobs));
        var importId = strata.Rows("SELECT id FROM chat_imports").Single()["id=".Length..];
        var import = await strata.Services.ChatImports.GetAsync(user, importId, None);
        Assert.Equal(ChatImportStatuses.Failed, import.Status);
        Assert.Equal(sources, import.Counts.Conversations);
        Assert.Contains(ErrorCodes.StorageQuotaExceeded, import.Error);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Concurrent_imports_at_the_quota_never_store_more_than_it_allows(string backend)
    {
        // Room for about five of the sixteen conversations.
        const long limit = 4 * StorageCost.PerSourceBytes + 2000;
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"StorageBytes": """ + limit + """}}, "ChatImport": {"BatchSize": 1}}""", backend: backend);
        var user = await strata.UserAsync("alice");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export($"p{i}-", 4), "claude", null), null, None);
                return "ok";
            }
            catch (StrataException refused) when (refused.Code == ErrorCodes.StorageQuotaExceeded)
            {
                return refused.Code;
            }
        })));

        Assert.Contains(ErrorCodes.StorageQuotaExceeded, outcomes);
        var usage = await strata.Services.Usage.GetUsageAsync(user, None);
        Assert.True(usage.BytesStored <= limit);
        var (sources, payload) = Stored(strata);
        Assert.Equal(StorageCost.Of(payload, sources), usage.BytesStored);
        var counts = Count(strata);
        Assert.Equal(counts.Sources, counts.Conversations);
        Assert.Equal(counts.Sources, counts.Documents);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_same_export_imported_four_times_at_once_stores_and_counts_each_conversation_once(string backend)
    {
        using var strata = new TestStrata(configurationJson: """{"ChatImport": {"BatchSize": 2}}""", backend: backend);
        var user = await strata.UserAsync("alice");

        var imports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export("same", 8), "claude", null, FullPass: false), null, None))));

        Assert.All(imports, i => Assert.Equal(ChatImportStatuses.QuickReady, i.Status));
        Assert.Equal(8, imports.Sum(i => i.Counts.ConversationsAdded));
        var counts = Count(strata);
        Assert.Equal((8L, 8L, 8L, 32L), (counts.Sources, counts.Documents, counts.Blobs, counts.Conversations));
        var usage = await strata.Services.Usage.GetUsageAsync(user, None);
        var (sources, payload) = Stored(strata);
        Assert.Equal(StorageCost.Of(payload, sources), usage.BytesStored);
    }

    /// <summary>How many sources are stored and their payload bytes: what the quota charges for, by its formula.</summary>
    private static (long Sources, long Payload) Stored(TestStrata strata)
    {
        var row = strata.Rows("SELECT COUNT(*) AS n, COALESCE(SUM(byte_size), 0) AS bytes FROM sources").Single().Split('|');
        return (long.Parse(row[0]["n=".Length..], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(row[1]["bytes=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What an import writes: sources, their documents and conversion jobs, the import's conversation rows, blobs.</summary>
    private static (long Sources, long Documents, long Jobs, long Conversations, long Blobs) Count(TestStrata strata)
    {
        var all = strata.Counts();
        long Of(string table) => long.Parse(strata.Rows($"SELECT COUNT(*) AS n FROM {table}").Single()["n=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return (all["sources"], Of("documents"), all["jobs"], Of("chat_import_conversations"), all["blobs"]);
    }
}
