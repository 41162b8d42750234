using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Duplicates;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary>A duplicate scan that skips a type too large to compare pair by pair says which type and why.</summary>
public sealed class DuplicateScanLimitTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonElement Wire(DuplicateScanResult result) => JsonSerializer.SerializeToElement(result, StrataJson.Wire.DuplicateScanResult);

    private async Task StoreContactsAsync(string user, int count)
    {
        // Structured writes take at most 10,000 entities each.
        for (var start = 0; start < count; start += 10_000)
        {
            var batch = Enumerable.Range(start, Math.Min(10_000, count - start))
                .Select(i => $$"""{"entity_type": "contact", "email": "person{{i}}@example.com"}""");
            await _strata.StoreAsync(user, "[" + string.Join(",", batch) + "]");
        }
    }

    private async Task<string> SimilarCompaniesAsync()
    {
        var user = await _strata.UserAsync("alice");
        await _strata.StoreAsync(user, """
            [{"entity_type": "company", "name": "Analytical Engines"},
             {"entity_type": "company", "name": "Analytical Enginez"}]
            """);
        return user;
    }

    /// <summary>At the real default limit, so on the embedded store only: writing 20,001 entities takes minutes on a
    /// shared PostgreSQL. The next test proves both stores' counts with a small limit.</summary>
    [Fact]
    public async Task AScanSaysWhichTypeItSkippedForHavingMoreEntitiesThanTheDefaultLimit()
    {
        _strata = TestStrata.Create(Backends.Sqlite);
        var user = await SimilarCompaniesAsync();
        await StoreContactsAsync(user, DuplicateService.MaxEntitiesPerType + 1);

        var scan = Wire(await _strata.Services.Duplicates.ScanAsync(user, None));

        Assert.Equal(2, scan.GetProperty("entities_compared").GetInt32());
        Assert.Equal(1, scan.GetProperty("pairs_found").GetInt32());
        var skipped = Assert.Single(scan.GetProperty("skipped_types").EnumerateArray());
        Assert.Equal("contact", skipped.GetProperty("entity_type").GetString());
        Assert.Equal(20_001, skipped.GetProperty("entities").GetInt32());
        Assert.Equal(20_000, skipped.GetProperty("limit").GetInt32());
        Assert.Contains("20001 unmerged contact entities is more than the 20000", skipped.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ATypeAtTheLimitIsComparedAndOneOverItIsReportedSkipped(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await SimilarCompaniesAsync();
        await StoreContactsAsync(user, 3);
        var scanner = new DuplicateService(_strata.Services.Store, 0.85, _strata.Clock, maxEntitiesPerType: 2);

        var scan = await scanner.ScanAsync(user, None);

        Assert.Equal(2, scan.EntitiesCompared);
        Assert.Equal(1, scan.PairsFound);
        Assert.Equal([new SkippedTypeView("contact", 3, 2,
            "3 unmerged contact entities is more than the 2 a scan compares pair by pair; none of them were compared.")], scan.SkippedTypes);
    }

    public void Dispose() => _strata?.Dispose();
}
