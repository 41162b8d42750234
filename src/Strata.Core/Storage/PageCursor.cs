using System.Buffers.Text;
using System.Text;
using Strata.Core.Errors;

namespace Strata.Core;

/// <summary>
/// The opaque cursor of a list: which list it belongs to, the last row's sort key and its id, as URL-safe base64.
/// It names a position, not rows: a list reads only the caller's own rows after it, so a cursor from another user's
/// list reveals nothing of theirs.
/// </summary>
public static class PageCursor
{
    private const char Separator = '\n';

    public static string Encode(string list, string key, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}{Separator}{key}{Separator}{id}"));

    /// <summary>The sort key and id a cursor of <paramref name="list"/> holds; VALIDATION_FAILED for anything else.</summary>
    public static (string Key, string Id) Decode(string list, string cursor)
    {
        var (key, ids) = Decode(list, cursor, 1);
        return (key, ids[0]);
    }

    /// <summary>A cursor whose position takes more than one id to name (a pair of entities; an entity and a field).</summary>
    public static string Encode(string list, string key, params ReadOnlySpan<string> ids) =>
        Encode(list, key, string.Join(Separator, ids));

    /// <summary>The sort key and the <paramref name="ids"/> ids a cursor of <paramref name="list"/> holds; VALIDATION_FAILED
    /// for anything else.</summary>
    public static (string Key, string[] Ids) Decode(string list, string cursor, int ids)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid(list);
        }
        var parts = text.Split(Separator);
        if (parts.Length != ids + 2 || parts[0] != list || parts.Skip(1).Any(p => p.Length == 0))
        {
            throw Invalid(list);
        }
        return (parts[1], parts[2..]);
    }

    /// <summary>A cursor whose key is a number (a time in ticks, a sequence number).</summary>
    public static (long Key, string Id) DecodeNumber(string list, string cursor)
    {
        var (key, id) = Decode(list, cursor);
        return long.TryParse(key, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (number, id)
            : throw Invalid(list);
    }

    public static string EncodeNumber(string list, long key, string id) =>
        Encode(list, key.ToString(System.Globalization.CultureInfo.InvariantCulture), id);

    /// <summary>The refusal of a cursor that is not one of this list's (VALIDATION_FAILED).</summary>
    public static StrataException Invalid(string list) => StrataException.Validation(
        $"cursor is not a cursor of this {list} list: pass the next_cursor of the previous page unchanged, or leave it out for the first page.");
}
