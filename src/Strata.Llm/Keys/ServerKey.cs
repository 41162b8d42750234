using System.Security.Cryptography;
using Strata.Core.Configuration;

namespace Strata.Llm.Keys;

/// <summary>The server's 256-bit key that encrypts users' provider keys. From configuration (<c>Llm:ServerKey</c>,
/// base64) when given; otherwise from a key file in the data directory, created on first start with mode 0600
/// (owner read/write only). Creation opens the file itself with O_EXCL (<see cref="FileMode.CreateNew"/>), which the
/// file system decides atomically on every platform, so of several processes starting together exactly one writes
/// the key and the rest read it. (A temporary file moved into place is not enough: where the file system refuses hard
/// links, .NET's no-overwrite move checks and renames in two steps, and two processes can each install their own key;
/// CI saw that once.) A reader that finds the file still empty, because its creator has opened it and not yet written
/// the 44 bytes, waits briefly for them.</summary>
public static class ServerKey
{
    public const int Length = 32;

    private static readonly TimeSpan CreatorGrace = TimeSpan.FromSeconds(5);

    public static byte[] Load(string? configuredBase64, string keyFilePath)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64)) return Decode(configuredBase64, "Llm:ServerKey");
        if (!File.Exists(keyFilePath)) TryCreate(keyFilePath);
        var written = ReadWritten(keyFilePath);
        if (written.Trim().Length == 0)
        {
            throw new StrataConfigurationException($"{keyFilePath} is empty: a start was stopped while creating it. No provider key can have been stored with it yet; delete the file and start again.");
        }
        return Decode(written, keyFilePath);
    }

    private static void TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        FileStream file;
        try
        {
            file = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return; // another process created it first: use theirs
        }
        using (file)
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length))));
            file.Flush(flushToDisk: true);
        }
    }

    private static string ReadWritten(string path)
    {
        var deadline = DateTime.UtcNow + CreatorGrace;
        while (true)
        {
            var text = File.ReadAllText(path);
            if (text.Trim().Length > 0 || DateTime.UtcNow >= deadline) return text;
            Thread.Sleep(10);
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
