using Strata.Core.Errors;
using Strata.Core.Sources;

namespace Strata.Server.Operations;

/// <summary>File bytes sent inside JSON. The size limit is checked on the encoded length, before decoding anything.</summary>
internal static class Base64Content
{
    public static byte[] Decode(string base64, long maxBytes)
    {
        if (base64.Length / 4L * 3 > maxBytes + 2)
        {
            throw new StrataException(ErrorCodes.FileTooLarge, $"The file is larger than the limit of {Spool.FormatBytes(maxBytes)}.");
        }
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw StrataException.Validation("content_base64 is not valid base64.");
        }
    }
}
