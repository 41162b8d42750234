using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Strata.Formats.Chat;

/// <summary>
/// Streams the elements of a top-level JSON array one at a time, each at most <c>maxElementBytes</c> long: the buffer
/// holds the element being read and grows only up to that bound, so an element past it is refused before it is held
/// whole (System.Text.Json's own streaming of an array buffers each element whatever its size). Each element is handed
/// out as a <see cref="JsonElement"/> of its own.
/// </summary>
internal static class JsonArrayElements
{
    private const int FirstBufferBytes = 64 * 1024;

    /// <param name="tooLarge">The error for the element numbered (from 1) past the bound.</param>
    public static async IAsyncEnumerable<JsonElement> ReadAsync(Stream json, int maxElementBytes, Func<int, Exception> tooLarge,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[FirstBufferBytes];
        int filled = 0, count = 0;
        var final = false;
        var scan = new Scan();
        while (true)
        {
            if (!final)
            {
                var read = await json.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                final = read == 0;
            }
            var found = scan.Next(buffer.AsSpan(0, filled), final);
            foreach (var (start, length) in found)
            {
                count++;
                yield return JsonSerializer.Deserialize(buffer.AsSpan(start, length), ChatJsonContext.Default.JsonElement);
            }
            if (scan.Ended) yield break;
            if (final) throw new JsonException("The export ends before its list of conversations closes.", null, 0, 0);
            // What was read of the next element moves to the front; a buffer it fills doubles, up to the bound.
            var rest = filled - scan.Consumed;
            Buffer.BlockCopy(buffer, scan.Consumed, buffer, 0, rest);
            filled = rest;
            if (filled == buffer.Length)
            {
                if (buffer.Length >= maxElementBytes) throw tooLarge(count + 1);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxElementBytes));
            }
        }
    }

    /// <summary>The tokenizer's state between buffers (a ref struct reader cannot live across an await).</summary>
    private sealed class Scan
    {
        private JsonReaderState _state = new(new JsonReaderOptions { AllowTrailingCommas = false });
        private bool _inArray;

        public bool Ended { get; private set; }

        /// <summary>How many bytes of the last buffer the elements found took (the rest starts the next element).</summary>
        public int Consumed { get; private set; }

        /// <summary>The (start, length) of every whole element in <paramref name="data"/>.</summary>
        public List<(int Start, int Length)> Next(ReadOnlySpan<byte> data, bool final)
        {
            var found = new List<(int, int)>();
            var reader = new Utf8JsonReader(data, final, _state);
            while (true)
            {
                var before = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    (_state, Consumed) = (before, consumed);
                    return found;
                }
                if (!_inArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonException($"The export is a JSON {reader.TokenType}, not a list of conversations.", null, 0, 0);
                    }
                    _inArray = true;
                    continue;
                }
                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    Ended = true;
                    (_state, Consumed) = (reader.CurrentState, (int)reader.BytesConsumed);
                    return found;
                }
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    (_state, Consumed) = (before, consumed);
                    return found;
                }
                found.Add((start, (int)reader.BytesConsumed - start));
            }
        }
    }
}
