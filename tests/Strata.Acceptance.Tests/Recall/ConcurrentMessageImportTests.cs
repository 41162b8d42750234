using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Recall;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>Concurrent writers of the recall index, on both databases: the same message file imported by several callers
/// at once, converted by several workers at once, is stored and indexed once; recall finds each message once.</summary>
public sealed class ConcurrentMessageImportTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_same_messages_imported_and_converted_concurrently_are_indexed_once(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None))));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => strata.Services.Jobs.DrainAsync($"worker-{i}", CancellationToken.None))));

        var answer = await strata.Services.Recall.RecallAsync(user, new RecallRequest("adoption agency hospital painting camping hotfix", 50, [RecallKinds.Message]),
            CancellationToken.None);
        var ids = answer.Results.Select(r => r.Provenance.MessageId).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains("s1-1", ids);
        Assert.Contains("s2-5", ids);
        Assert.Equal(["n=10"], strata.Rows("SELECT COUNT(*) AS n FROM recall_units"));
        Assert.Equal(["n=10"], strata.Rows("SELECT COUNT(*) AS n FROM document_blocks"));
    }
}
