namespace Strata.Bench.Files;

/// <summary>A large file of incompressible-looking bytes, written fast: one random megabyte, stamped per block.</summary>
public static class BigFile
{
    public static void Create(string path, long bytes)
    {
        var block = new byte[1024 * 1024];
        new Random(5).NextBytes(block);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        for (long written = 0, n = 0; written < bytes; n++)
        {
            BitConverter.TryWriteBytes(block, n); // every block differs from every other
            var length = (int)Math.Min(block.Length, bytes - written);
            output.Write(block, 0, length);
            written += length;
        }
        output.Flush(flushToDisk: true);
    }
}
