using System.Security.Cryptography;
using System.Text;
using Strata.Core.Hashing;
using Xunit;

namespace Strata.Core.Tests;

/// <summary>Ids are hashes of their parts: the encoding must never change, or every id derived before would be lost.</summary>
public sealed class IdHashingTests
{
    public static TheoryData<string?[]> Parts => new()
    {
        new string?[] { "entity", "usr_1", "contact", "ada lovelace" },
        new string?[] { "structured", "src_1", null, "100" },
        new string?[] { "", "|", ":", "3:abc|" },
        new string?[] { "Zoë", "東京", "emoji 🎉", "\u00e9\u0301" },
        new string?[] { new string('x', 5000), "tail" },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void PartsAreLengthPrefixedAndJoinedAsUtf8(string?[] parts)
    {
        var joined = string.Concat(parts.Select(p => (p ?? "\u0000null") is var v ? $"{v.Length}:{v}|" : ""));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
        Assert.Equal(expected, Sha256Hex.OfParts(parts));
    }

    [Fact]
    public void PartsCannotBeShiftedIntoOneAnother() =>
        Assert.NotEqual(Sha256Hex.OfParts("ab", "c"), Sha256Hex.OfParts("a", "bc"));

    [Fact]
    public void AnObservationIdStartsWithItsRunsPartAndDependsOnEverythingElse()
    {
        var id = StrataIds.Observation("run_0123456789abcdef01234567", "ent_1", "index:0");
        Assert.StartsWith("obs_01234567", id);
        Assert.Equal(28, id.Length);
        Assert.NotEqual(id, StrataIds.Observation("run_0123456789abcdef01234567", "ent_2", "index:0"));
        Assert.NotEqual(id, StrataIds.Observation("run_0123456789abcdef01234567", "ent_1", "index:1"));
        Assert.NotEqual(id, StrataIds.Observation("run_01234567ffffffffffffffff", "ent_1", "index:0"));
    }
}
