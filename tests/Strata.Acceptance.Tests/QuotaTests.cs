using System.Collections.Concurrent;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Usage;

namespace Strata.Acceptance.Tests;

public sealed class QuotaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Note(int n) => $"# Note {n}\n\nsomething worth remembering, number {n:D4}\n";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT010_TheThirdInterpretationInAMonthIsRefusedAndTheNextMonthCountsAgain(string backend)
    {
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 2}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        Assert.Equal("completed", (await strata.IngestTextAsync(user, "a.md", Note(1))).Interpretation.Status);
        Assert.Equal("completed", (await strata.IngestTextAsync(user, "b.md", Note(2))).Interpretation.Status);
        var before = strata.Fingerprint();

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.IngestTextAsync(user, "c.md", Note(3)));

        Assert.Equal(ErrorCodes.InterpretationQuotaExceeded, refused.Code);
        Assert.Contains("free plan", refused.Message);
        Assert.Contains("2 of 2 interpretations used in 2024-03", refused.Message);
        Assert.Contains("resets on 2024-04-01", refused.Message);
        Assert.Equal(before, strata.Fingerprint());
        var march = await strata.Services.Usage.GetUsageAsync(user, None);
        Assert.Equal(("2024-03", 2, 2), (march.BillingMonth, march.InterpretationsThisMonth, march.InterpretationsLimit));

        strata.Clock.Advance(TimeSpan.FromDays(31));
        var april = await strata.IngestTextAsync(user, "c.md", Note(3));

        Assert.Equal("completed", april.Interpretation.Status);
        var usage = await strata.Services.Usage.GetUsageAsync(user, None);
        Assert.Equal(("2024-04", 1), (usage.BillingMonth, usage.InterpretationsThisMonth));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), usage.ResetsAt);
        Assert.Equal(1, strata.Services.Metrics.QuotaRejections.Value("interpretation"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AReinterpretationCountsAndIsRefusedAtTheLimitToo(string backend)
    {
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 1}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var first = await strata.IngestTextAsync(user, "a.md", Note(1));

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Ingest.ReinterpretAsync(user, first.SourceId, new(), None));

        Assert.Equal(ErrorCodes.InterpretationQuotaExceeded, refused.Code);
        Assert.Equal(1, (await strata.Services.Sources.ListRunsAsync(user, first.SourceId, new Paging(IncludeTotal: true), None)).Total);
        var storedOnly = await strata.IngestTextAsync(user, "b.md", Note(2), interpret: false);
        Assert.True(storedOnly.Interpretation.Skipped);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task StorageOverThePlanIsRefusedWithNothingWrittenAndDeduplicatedBytesAreNotCountedTwice(string backend)
    {
        // Room for a source of 60 bytes and one of 40, each with the per-source charge.
        const long limit = 60 + 40 + 2 * StorageCost.PerSourceBytes;
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"StorageBytes": """ + limit + """}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var sixty = new string('a', 59) + "\n";
        await strata.IngestTextAsync(user, "a.txt", sixty);
        var again = await strata.IngestTextAsync(user, "same-bytes.txt", sixty);
        Assert.True(again.Deduplicated);
        Assert.Equal(StorageCost.Of(60), (await strata.Services.Usage.GetUsageAsync(user, None)).BytesStored);
        var before = strata.Fingerprint();

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.IngestTextAsync(user, "b.txt", new string('b', 59) + "\n"));

        Assert.Equal(ErrorCodes.StorageQuotaExceeded, refused.Code);
        Assert.Contains("free plan", refused.Message);
        Assert.Contains($"{ByteSizes.Describe(StorageCost.Of(60))} of {ByteSizes.Describe(limit)} used", refused.Message);
        Assert.Contains($"needs {ByteSizes.Describe(StorageCost.Of(60))} more", refused.Message);
        Assert.Equal(before, strata.Fingerprint());
        await strata.IngestTextAsync(user, "c.txt", new string('c', 39) + "\n");
        var usage = await strata.Services.Usage.GetUsageAsync(user, None);
        Assert.Equal((limit, limit), (usage.BytesStored, usage.StorageLimitBytes!.Value));
        Assert.Equal(1, strata.Services.Metrics.QuotaRejections.Value("storage"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ConcurrentIngestsAtTheInterpretationLimitNeverOvershoot(string backend)
    {
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"InterpretationsPerMonth": 5}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var accepted = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                accepted.Add((await strata.IngestTextAsync(user, $"n{i}.md", Note(i), wait: false)).SourceId);
            }
            catch (StrataException failure) when (failure.Code == ErrorCodes.InterpretationQuotaExceeded)
            {
                refused.Add(failure.Code);
            }
        })));

        Assert.Equal(5, accepted.Count);
        Assert.Equal(15, refused.Count);
        Assert.Equal(5, (await strata.Services.Usage.GetUsageAsync(user, None)).InterpretationsThisMonth);
        Assert.Equal(5, (await strata.Services.Sources.ListRunsAsync(user, null, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(5, (await strata.Services.Sources.ListSourcesAsync(user, new Paging(IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ConcurrentIngestsAtTheStorageLimitNeverOvershoot(string backend)
    {
        // Room for ten sources of 100 bytes.
        const long limit = 10 * (100 + StorageCost.PerSourceBytes);
        using var strata = new TestStrata(configurationJson: """{"Plans": {"free": {"StorageBytes": """ + limit + """}}}""", backend: backend);
        var user = await strata.UserAsync("alice");
        var accepted = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => Task.Run(async () =>
        {
            try
            {
                var content = $"{i:D4}" + new string('x', 95) + "\n";
                accepted.Add((await strata.IngestTextAsync(user, $"f{i}.txt", content, interpret: false)).ByteSize);
            }
            catch (StrataException failure) when (failure.Code == ErrorCodes.StorageQuotaExceeded)
            {
            }
        })));

        Assert.Equal(10, accepted.Count);
        Assert.All(accepted, size => Assert.Equal(100, size));
        Assert.Equal(limit, (await strata.Services.Usage.GetUsageAsync(user, None)).BytesStored);
        Assert.Equal(10, strata.Counts()["blobs"]);
        Assert.Equal(10, (await strata.Services.Sources.ListSourcesAsync(user, new Paging(IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task PlansHaveTheirDefaultLimitsAndEnterpriseIsUnlimited(string backend)
    {
        using var strata = new TestStrata(backend: backend);
        var free = await strata.Services.Usage.GetUsageAsync(await strata.UserAsync("alice"), None);
        var boss = await strata.Services.Users.CreateAsync("boss", "enterprise", None);
        var enterprise = await strata.Services.Usage.GetUsageAsync(boss.UserId, None);

        Assert.Equal(("free", 1L << 30, 100), (free.Plan, free.StorageLimitBytes!.Value, free.InterpretationsLimit!.Value));
        Assert.Equal(("enterprise", (long?)null, (int?)null), (enterprise.Plan, enterprise.StorageLimitBytes, enterprise.InterpretationsLimit));
    }
}
