using System.Text;
using Strata.Core.Errors;

namespace Strata.S3;

/// <summary>Turns a blob key (<c>sources/{user_id}/{sha256}</c>) into the object key inside the bucket.</summary>
internal sealed class S3ObjectKeys
{
    // S3's own limit on an object key, counted in UTF-8 bytes.
    private const int MaxKeyBytes = 1024;

    private readonly string _prefix;

    /// <summary>What every object key starts with: empty, or the configured prefix and a slash.</summary>
    public string Prefix => _prefix;

    public S3ObjectKeys(string? prefix)
    {
        _prefix = string.IsNullOrEmpty(prefix) ? "" : prefix.Trim('/') + "/";
    }

    /// <exception cref="StrataException">VALIDATION_FAILED: the key could not name a blob on every store.</exception>
    public string For(string key)
    {
        Validate(key);
        var objectKey = _prefix + key;
        if (Encoding.UTF8.GetByteCount(objectKey) > MaxKeyBytes)
        {
            throw StrataException.Validation($"Blob key '{key}' is longer than S3 allows ({MaxKeyBytes} bytes).");
        }
        return objectKey;
    }

    /// <summary>
    /// The file store resolves keys as paths, so "." and ".." segments and empty segments would name another file
    /// there, and HTTP clients collapse dot segments in URLs too. Refusing them keeps one key naming one blob on
    /// every store, and keeps a key from climbing out of its prefix.
    /// </summary>
    public static void Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('\0', StringComparison.Ordinal))
        {
            throw StrataException.Validation("A blob key must be non-empty text without NUL characters.");
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw StrataException.Validation($"Blob key '{key}' has an empty, '.' or '..' segment.");
            }
        }
    }
}
