using System.Runtime.InteropServices;
using System.Text.Json;

namespace Strata.Core.Interpretation;

/// <summary>Leaves out of a record every value longer than the limit (as its JSON is written, in UTF-8 bytes), for
/// readers that could not tell while streaming. What is left out is listed on the record, to be reported.</summary>
public static class ValueLimit
{
    public static ExtractedRecord Apply(ExtractedRecord record, long maxBytes)
    {
        List<TooLongValue>? tooLong = null;
        foreach (var (name, value) in record.Fields)
        {
            var bytes = JsonMarshal.GetRawUtf8Value(value).Length;
            if (bytes > maxBytes)
            {
                (tooLong ??= []).Add(new TooLongValue(name, bytes));
            }
        }
        if (tooLong is null)
        {
            return record;
        }
        var kept = record.Fields.Where(f => !tooLong.Exists(t => t.Field == f.Key)).ToDictionary(StringComparer.Ordinal);
        return record with { Fields = kept, TooLong = [.. record.TooLong, .. tooLong] };
    }

    /// <summary>The first value of <paramref name="fields"/> longer than the limit, for a write that refuses it.</summary>
    public static TooLongValue? FirstOver(IReadOnlyDictionary<string, JsonElement> fields, long maxBytes)
    {
        foreach (var (name, value) in fields)
        {
            var bytes = JsonMarshal.GetRawUtf8Value(value).Length;
            if (bytes > maxBytes) return new TooLongValue(name, bytes);
        }
        return null;
    }
}
