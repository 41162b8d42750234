using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>The same bytes under a new name: the answer is the existing source, said to be one, with the name the
/// caller gave beside the source's first name (issue 9, item 9: "a dedupe reported under the earlier file's name").</summary>
public sealed class DedupeNameTests : IDisposable
{
    private TestStrata _strata = null!;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheSameBytesUnderANewNameAnswerWithTheGivenNameAndNameTheFirstInTheReason(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var first = await _strata.IngestTextAsync(user, "march.csv", "name\nAda\n", interpret: false);

        var again = await _strata.IngestTextAsync(user, "copy of march.csv", "name\nAda\n", interpret: false);

        Assert.True(again.Deduplicated);
        Assert.Equal(first.SourceId, again.SourceId);
        Assert.Equal("copy of march.csv", again.FileName);
        Assert.Equal("march.csv", again.OriginalFilename); // the source is immutable: its first name stays
        Assert.Contains($"already stored as source {first.SourceId}, first stored as 'march.csv'", again.Interpretation.Reason);
        Assert.Equal("march.csv", first.FileName);
    }

    public void Dispose() => _strata?.Dispose();
}
