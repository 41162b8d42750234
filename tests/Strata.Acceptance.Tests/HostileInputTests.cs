using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Observations;

namespace Strata.Acceptance.Tests;

/// <summary>The Big List of Naughty Strings (MIT, see Fixtures/blns) through the whole pipeline.</summary>
public sealed class HostileInputTests : IDisposable
{
    private TestStrata _strata = null!;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EveryNaughtyStringSurvivesStorageSnapshotsAndSearchExactly(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var strings = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!;
        var entities = strings.Select((s, i) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["entity_type"] = "note", ["title"] = $"naughty {i}", ["body"] = s,
        })).ToList();

        var result = await _strata.Services.Structured.StoreAsync(user, new StoreRequest(entities), CancellationToken.None);

        Assert.Equal(strings.Length, result.Entities.Select(e => e.EntityId).Distinct().Count());
        for (var i = 0; i < strings.Length; i++)
        {
            var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, result.Entities[i].EntityId, null, CancellationToken.None);
            Assert.Equal(strings[i], snapshot.Fields["body"].GetString());
        }
        foreach (var (probe, index) in strings.Select((s, i) => (s, i)).Where(p => p.s.Trim().Length >= 3).Take(200))
        {
            // Any text is a safe query: no exception, no injection, and a page that holds exactly what the total says.
            var found = await _strata.Services.Entities.RetrieveAsync(user, "note", probe, false, false, new Paging(5, IncludeTotal: true), CancellationToken.None);
            Assert.Equal(Math.Min(found.Total!.Value, 5), found.Entities.Count);
            if (probe.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
            {
                var all = await _strata.Services.Entities.RetrieveAsync(user, "note", probe, false, false, new Paging(Paging.MaxLimit), CancellationToken.None);
                Assert.True(all.Entities.Any(e => e.EntityId == result.Entities[index].EntityId),
                    $"searching for '{probe}' should find the note that holds it");
            }
        }
    }

    public void Dispose() => _strata?.Dispose();
}
