using System.Buffers.Binary;
using Strata.Core.Recall;

namespace Strata.Relational.Recall;

/// <summary>
/// The packed postings of one term in some units of one document (a row of <c>recall_posting_lists</c>, migration 0360):
/// <see cref="Size"/> bytes a posting, big-endian — block index (4), flags (1: bit 0 a message, bit 1 has a time), time in
/// Unix seconds (8, 0 when none), length (4), the term's count in the text (4) and in the fields (4). Fixed-width so that
/// the migration can build the same bytes in SQL on both databases (SQLite's <c>printf('%X')</c> and <c>unhex</c>,
/// PostgreSQL's <c>int4send</c>).
/// </summary>
internal static class RecallPostingList
{
    public const int Size = 25;

    private const byte MessageFlag = 1;
    private const byte TimeFlag = 2;

    public static byte[] Encode(IReadOnlyList<(RecallUnit Unit, TermCount Count)> postings)
    {
        var bytes = new byte[postings.Count * Size];
        for (var i = 0; i < postings.Count; i++)
        {
            var (unit, count) = postings[i];
            var at = bytes.AsSpan(i * Size, Size);
            BinaryPrimitives.WriteInt32BigEndian(at, unit.BlockIndex);
            at[4] = (byte)((unit.Kind == RecallKinds.Message ? MessageFlag : 0) | (unit.At is null ? 0 : TimeFlag));
            BinaryPrimitives.WriteInt64BigEndian(at[5..], unit.At ?? 0);
            BinaryPrimitives.WriteInt32BigEndian(at[13..], unit.Length);
            BinaryPrimitives.WriteInt32BigEndian(at[17..], count.Text);
            BinaryPrimitives.WriteInt32BigEndian(at[21..], count.Meta);
        }
        return bytes;
    }

    /// <summary>Adds the list's postings that pass <paramref name="filter"/>'s kind and time conditions (the project's is
    /// the query's) to <paramref name="into"/>, stopping once it holds more than <paramref name="cap"/>; false then.</summary>
    public static bool Decode(string documentId, ReadOnlySpan<byte> bytes, RecallFilter filter, int cap, List<RecallPosting> into)
    {
        if (bytes.Length % Size != 0) throw new InvalidDataException($"A recall posting list of document {documentId} is {bytes.Length} bytes, not a multiple of {Size}.");
        for (var offset = 0; offset < bytes.Length; offset += Size)
        {
            var at = bytes.Slice(offset, Size);
            var flags = at[4];
            var message = (flags & MessageFlag) != 0;
            // The same conditions the rows had: a kind only when one kind is asked for, a time only inside the window.
            if (filter.Messages != filter.Blocks && message != filter.Messages) continue;
            long? time = (flags & TimeFlag) != 0 ? BinaryPrimitives.ReadInt64BigEndian(at[5..]) : null;
            if (filter.From is { } from && !(time >= from)) continue;
            if (filter.To is { } to && !(time < to)) continue;
            if (into.Count == cap) return false;
            into.Add(new RecallPosting(new UnitKey(documentId, BinaryPrimitives.ReadInt32BigEndian(at)), message ? RecallKinds.Message : RecallKinds.Block,
                time, BinaryPrimitives.ReadInt32BigEndian(at[13..]), BinaryPrimitives.ReadInt32BigEndian(at[17..]), BinaryPrimitives.ReadInt32BigEndian(at[21..])));
        }
        return true;
    }
}
