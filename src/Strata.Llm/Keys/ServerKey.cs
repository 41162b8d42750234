using System.Security.Cryptography;
using Strata.Core.Configuration;

namespace Strata.Llm.Keys;

/// <summary>The server's 256-bit key that encrypts users' provider keys. From configuration (<c>Llm:ServerKey</c>,
/// base64) when given; otherwise from a key file in the data directory, created on first start with mode 0600
/// (owner read/write only). Creation writes a private temporary file and moves it into place, so two processes
/// starting together end with the same key.</summary>
public static class ServerKey
{
    public const int Length = 32;

    public static byte[] Load(string? configuredBase64, string keyFilePath)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64)) return Decode(configuredBase64, "Llm:ServerKey");
        if (!File.Exists(keyFilePath)) Create(keyFilePath);
        return Decode(File.ReadAllText(keyFilePath), keyFilePath);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(temporary, options))
        {
            file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length)));
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(temporary);
        }
    }

    private static byte[] Decode(string base64, string where)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == Length) return key;
        }
        catch (FormatException)
        {
        }
        throw new StrataConfigurationException($"{where} must hold a {Length}-byte key in base64 (for example the output of `openssl rand -base64 32`).");
    }
}
