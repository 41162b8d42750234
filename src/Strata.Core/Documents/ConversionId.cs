using System.Security.Cryptography;
using System.Text;

namespace Strata.Core.Documents;

/// <summary>
/// A conversion's identity: the same bytes through the same converter version always give the same blocks, so the
/// conversion is named by a hash of the three. A block is named by its conversion and its index.
/// </summary>
public static class ConversionId
{
    public static string Compute(string converter, string converterVersion, string sourceHash)
    {
        var text = $"{converter}\n{converterVersion}\n{sourceHash}";
        return "conv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string BlockUid(string convUid, int index) => $"{convUid}:{index}";
}
