using Strata.Acceptance.Tests.Support;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary><c>strata mcp</c> warms its write path with a structured write it rolls back: it must leave nothing behind,
/// not a row, a blob, a spool file or a byte of the storage quota.</summary>
public sealed class WriteWarmUpTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_write_warm_up_leaves_the_store_exactly_as_it_found_it(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.StoreAsync(alice, """[{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com"}]""");
        var before = strata.Fingerprint();
        var quotaBefore = strata.Rows("SELECT user_id, bytes_stored FROM usage_storage ORDER BY user_id");

        var answered = await strata.Services.Structured.WarmUpAsync(alice, CancellationToken.None);

        // It answers as the write would have, which the MCP warm-up then writes as a tool result.
        Assert.Equal(63, answered.Entities.Count);
        Assert.All(answered.Entities, entity => Assert.Equal(StoreActions.Created, entity.Action));
        Assert.Equal(before, strata.Fingerprint());
        Assert.Equal(quotaBefore, strata.Rows("SELECT user_id, bytes_stored FROM usage_storage ORDER BY user_id"));
        // The same entity written for real afterwards is new: the warm-up's was never there.
        var stored = await strata.StoreAsync(alice, """[{"entity_type": "contact", "name": "Warm Up 0", "email": "warm.up.0@example.invalid"}]""");
        Assert.Equal(StoreActions.Created, Assert.Single(stored.Entities).Action);
    }
}
