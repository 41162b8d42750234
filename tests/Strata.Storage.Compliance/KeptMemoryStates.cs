using System.Text.Json;
using Strata.Core.MemoryServer;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>
/// The kept state of every <c>memory_entity</c> (<see cref="MemoryEntityState"/>, what <c>search_nodes</c> reads) against the
/// fold of the observations (<c>read_graph</c>, which still folds): every entity keeps one, and together they hold exactly
/// the graph the fold gives.
/// </summary>
public static class KeptMemoryStates
{
    public static async Task AssertEqualToTheFoldAsync(IStrataStore store, MemoryServerService memory, string userId)
    {
        var folded = (await memory.ReadGraphAsync(userId, null, CancellationToken.None)).Entities;
        IReadOnlyDictionary<string, string?> states;
        await using (var session = await store.OpenReadAsync(userId, CancellationToken.None))
        {
            var ids = (await session.Entities.ListMemoryTextsAsync(CancellationToken.None)).Select(row => row.EntityId).ToList();
            states = await session.Entities.ListMemoryStatesAsync(ids, CancellationToken.None);
            Assert.Equal(ids.Count, states.Count);
        }
        Assert.All(states, state => Assert.NotNull(state.Value));
        var kept = states.Values.SelectMany(json => MemoryEntityState.Held(json!)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(JsonSerializer.Serialize(folded), JsonSerializer.Serialize(kept));
    }
}
