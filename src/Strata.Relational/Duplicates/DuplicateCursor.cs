using System.Globalization;
using Strata.Core;
using Strata.Core.Duplicates;

namespace Strata.Relational.Duplicates;

/// <summary>The cursor of the duplicate list: the last pair's score (written to round-trip exactly) and its two entity ids.</summary>
internal static class DuplicateCursor
{
    private const string ListName = "duplicates";

    public static string Of(DuplicateCandidate pair) =>
        PageCursor.Encode(ListName, pair.Score.ToString("R", CultureInfo.InvariantCulture), $"{pair.EntityA} {pair.EntityB}");

    public static (double Score, string EntityA, string EntityB) Decode(string cursor)
    {
        var (key, id) = PageCursor.Decode(ListName, cursor);
        var ids = id.Split(' ');
        return double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && ids.Length == 2
            ? (score, ids[0], ids[1])
            : throw Core.Errors.StrataException.Validation($"cursor is not one the {ListName} list gave.");
    }
}
