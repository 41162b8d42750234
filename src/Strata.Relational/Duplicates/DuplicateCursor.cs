using System.Globalization;
using Strata.Core;
using Strata.Core.Duplicates;

namespace Strata.Relational.Duplicates;

/// <summary>The cursor of the duplicate list: the last pair's score (written to round-trip exactly) and its two entity ids.</summary>
internal static class DuplicateCursor
{
    private const string ListName = "duplicates";

    public static string Of(DuplicateCandidate pair) =>
        PageCursor.Encode(ListName, pair.Score.ToString("R", CultureInfo.InvariantCulture), pair.EntityA, pair.EntityB);

    public static (double Score, string EntityA, string EntityB) Decode(string cursor)
    {
        var (key, ids) = PageCursor.Decode(ListName, cursor, 2);
        return double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
            ? (score, ids[0], ids[1])
            : throw PageCursor.Invalid(ListName);
    }
}
