using System.Text;

namespace Strata.Bench.Files;

/// <summary>Distinct small text files (0.5 to 4 KB, a note each), written to a folder for the file benchmarks.</summary>
public sealed record SmallFileSet(IReadOnlyList<string> Paths, long TotalBytes)
{
    public static SmallFileSet Create(string folder, int count)
    {
        var random = new Random(3);
        var paths = new List<string>(count);
        long total = 0;
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Clear().Append("Note ").Append(i).Append('\n');
            var target = random.Next(512, 4096);
            while (text.Length < target)
            {
                text.Append("Line ").Append(random.Next()).Append(" of note ").Append(i).Append(": the quick brown fox jumps over the lazy dog.\n");
            }
            var path = Path.Combine(folder, $"note-{i:00000}.txt");
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
            total += bytes.Length;
        }
        return new SmallFileSet(paths, total);
    }
}
