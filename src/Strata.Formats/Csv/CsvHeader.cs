using System.Text;
using Strata.Core.Errors;

namespace Strata.Formats.Csv;

/// <summary>The header row: column names normalised to field names, checked for blanks and duplicates.</summary>
public sealed class CsvHeader
{
    public const string EntityTypeColumn = "entity_type";

    private CsvHeader(IReadOnlyList<string> names)
    {
        Names = names;
        EntityTypeIndex = names.ToList().IndexOf(EntityTypeColumn);
    }

    /// <summary>Field names in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The index of the <c>entity_type</c> column, or -1.</summary>
    public int EntityTypeIndex { get; }

    /// <summary>
    /// A header cell as a field name: trimmed, lower case, each run of whitespace and dashes replaced by one
    /// <c>_</c> ("First Name" and "first-name" both become <c>first_name</c>).
    /// </summary>
    public static string NormalizeName(string cell)
    {
        var name = new StringBuilder(cell.Length);
        var inRun = false;
        foreach (var c in cell.Trim())
        {
            if (char.IsWhiteSpace(c) || c == '-')
            {
                if (!inRun)
                {
                    name.Append('_');
                }
                inRun = true;
                continue;
            }
            name.Append(char.ToLowerInvariant(c));
            inRun = false;
        }
        return name.ToString();
    }

    /// <param name="line">The line the header is on, for messages.</param>
    public static CsvHeader Parse(IReadOnlyList<string> cells, int line)
    {
        var names = new List<string>(cells.Count);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var name = NormalizeName(cells[i]);
            if (name.Length == 0)
            {
                throw StrataException.Malformed(
                    $"Column {i + 1} of the CSV header (line {line}) has no name; every column needs one.");
            }
            if (!columns.TryAdd(name, i))
            {
                throw StrataException.Malformed(
                    $"Columns {columns[name] + 1} and {i + 1} of the CSV header (line {line}) are both named '{name}'.");
            }
            names.Add(name);
        }
        return new CsvHeader(names);
    }
}
