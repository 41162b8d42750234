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

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_memory_server_profiles_warm_up_leaves_the_store_exactly_as_it_found_it(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.Services.MemoryServer.CreateEntitiesAsync(alice, [new("Ada", "person", ["a mathematician"])], CancellationToken.None);
        var before = strata.Fingerprint();
        var quotaBefore = strata.Rows("SELECT user_id, bytes_stored FROM usage_storage ORDER BY user_id");

        var answered = await strata.Services.MemoryServer.WarmUpAsync(alice, CancellationToken.None);
        var answer = System.Text.Encoding.UTF8.GetString(Strata.Server.Mcp.MemoryServer.MemoryServerCallWarmUp.Run(answered));

        // It answers as create_entities would have, and the MCP side writes that as the SDK would.
        Assert.Equal(63, answered.Count);
        Assert.Contains("Warm Up 62", answer, StringComparison.Ordinal);
        Assert.Equal(before, strata.Fingerprint());
        Assert.Equal(quotaBefore, strata.Rows("SELECT user_id, bytes_stored FROM usage_storage ORDER BY user_id"));
        // The graph holds only Ada, and a real call of a warm-up name creates it: the warm-up's was never there.
        Assert.Equal(["Ada"], (await strata.Services.MemoryServer.ReadGraphAsync(alice, null, CancellationToken.None)).Entities.Select(e => e.Name));
        var created = await strata.Services.MemoryServer.CreateEntitiesAsync(alice, [new("Warm Up 0", "person", [])], CancellationToken.None);
        Assert.Equal("Warm Up 0", Assert.Single(created).Name);
    }
}
