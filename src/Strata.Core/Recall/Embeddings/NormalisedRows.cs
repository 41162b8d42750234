using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Normalised float32 rows in one contiguous matrix, each also kept as 8-bit codes (the row divided by its largest
/// component over 127, rounded) with the exact length of what the codes leave out. <see cref="Nearest"/> returns exactly
/// what scoring every row by <see cref="VectorSearch.Score"/> returns, in two passes: the codes give each row's score
/// within a proven bound while reading a quarter of the bytes (the whole matrix is read for every question, so the
/// bytes are its cost), and only the rows whose bound reaches the best rows' are scored again in float32.
/// </summary>
/// <remarks>
/// Why it is exact: write a row v = s·c + e (s its scale, c its codes, e the remainder, |e| kept per row, rounded up) and
/// the question q = t·d + f likewise. Then q·v = s·t·(c·d) + t·(d·e) + f·v, and by Cauchy–Schwarz the last two terms are
/// at most |t·d|·|e| + |f|·|v| in size; float32 summation adds at most <see cref="FloatSlack"/>. So every row's float32
/// score lies within [lower, upper] around s·t·(c·d), an integer dot product computed exactly. The cap-th largest lower
/// bound L is at most the cap-th best float32 score (cap rows score at least their lower bounds), so every row of the
/// true best has upper ≥ its score ≥ L: rescoring the rows with upper ≥ L in float32 and keeping the best, under the
/// same tie rule, gives the same list as rescoring all.
/// </remarks>
internal sealed class NormalisedRows
{
    /// <summary>Codes are dotted in 32-bit integers: at most 2·127² a pair, so up to this many dimensions cannot overflow.</summary>
    private const int MaxCodedDimensions = 65_536;

    private readonly float[] _values;
    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly float[] _remainders;

    public NormalisedRows(int dimensions, int capacity)
    {
        Dimensions = dimensions;
        _values = new float[(long)capacity * dimensions];
        Coded = dimensions <= MaxCodedDimensions;
        _codes = Coded ? new sbyte[(long)capacity * dimensions] : [];
        _scales = new float[capacity];
        _remainders = new float[capacity];
    }

    public int Dimensions { get; }

    public int Count { get; private set; }

    private bool Coded { get; }

    /// <summary>Bytes a row takes: its float32 values, its codes, its scale and remainder.</summary>
    public static long BytesPerRow(int dimensions) => (long)dimensions * (sizeof(float) + sizeof(sbyte)) + 2 * sizeof(float);

    /// <summary>Appends a stored vector (float32 bytes of exactly <see cref="Dimensions"/> values), normalised.</summary>
    public void Add(ReadOnlySpan<byte> stored)
    {
        var row = _values.AsSpan(Count * Dimensions, Dimensions);
        VectorBytes.Read(stored, row);
        VectorSearch.Normalise(row);
        if (Coded) _remainders[Count] = Code(row, _codes.AsSpan(Count * Dimensions, Dimensions), out _scales[Count]);
        Count++;
    }

    /// <summary>The float32 row <paramref name="index"/> (normalised; all NaN for a vector with no direction).</summary>
    public ReadOnlySpan<float> Row(int index) => _values.AsSpan(index * Dimensions, Dimensions);

    /// <summary>The <paramref name="cap"/> rows nearest to <paramref name="question"/> (normalised) among those
    /// <paramref name="include"/> accepts (all when null), as scoring each by <see cref="VectorSearch.Score"/> into a
    /// <see cref="NearestList"/> under <paramref name="key"/> would rank them.</summary>
    public IReadOnlyList<(UnitKey Key, double Score)> Nearest(ReadOnlySpan<float> question, int cap, Func<int, bool>? include, Func<int, UnitKey> key) =>
        Nearest(question, cap, include, key, out _);

    /// <summary>As <see cref="Nearest(ReadOnlySpan{float}, int, Func{int, bool}?, Func{int, UnitKey})"/>, and how many rows
    /// the second pass scored in float32.</summary>
    internal IReadOnlyList<(UnitKey Key, double Score)> Nearest(ReadOnlySpan<float> question, int cap, Func<int, bool>? include, Func<int, UnitKey> key,
        out int rescored)
    {
        var best = new NearestList(cap);
        rescored = 0;
        if (!Coded)
        {
            for (var i = 0; i < Count; i++)
            {
                if (include is not null && !include(i)) continue;
                best.Offer(key(i), VectorSearch.Score(question, Row(i)));
                rescored++;
            }
            return best.Ranked();
        }
        if (question.Length == 0 || float.IsNaN(question[0])) return best.Ranked(); // no direction: every score is NaN

        var codes = new sbyte[Dimensions];
        var remainder = Code(question, codes, out var scale);
        // |t·d|: the codes' squares summed exactly in integers.
        var coded = scale * Math.Sqrt(Dot(codes, codes));
        // |v| of a normalised float32 row is 1 within a few ulps; 1.001 bounds it with room to spare.
        var slack = remainder * 1.001 + FloatSlack(Dimensions);

        // First pass: each row's bounds from its codes; the cap best lower bounds so far in a min-heap.
        var lowers = new PriorityQueue<int, double>(cap + 1);
        var candidates = new List<(int Row, double Upper)>();
        for (var i = 0; i < Count; i++)
        {
            var rowScale = _scales[i];
            if (float.IsNaN(rowScale) || (include is not null && !include(i))) continue;
            var estimate = (double)scale * rowScale * Dot(codes, _codes.AsSpan(i * Dimensions, Dimensions));
            var bound = coded * _remainders[i] + slack;
            var (lower, upper) = (estimate - bound, estimate + bound);
            if (lowers.Count < cap) lowers.Enqueue(i, lower);
            else if (lowers.TryPeek(out _, out var least) && lower > least) lowers.EnqueueDequeue(i, lower);
            if (lowers.Count < cap || lowers.TryPeek(out _, out var floor) && upper >= floor) candidates.Add((i, upper));
        }
        var threshold = lowers.Count < cap ? double.NegativeInfinity : lowers.TryPeek(out _, out var last) ? last : double.NegativeInfinity;

        // Second pass: the float32 score of every row that can still be among the best.
        foreach (var (row, upper) in candidates)
        {
            if (upper < threshold) continue;
            best.Offer(key(row), VectorSearch.Score(question, Row(row)));
            rescored++;
        }
        return best.Ranked();
    }

    /// <summary>How far a float32 dot product of two unit vectors of <paramref name="dimensions"/> values may be from the
    /// real one: n·2⁻²⁴ is the textbook bound for a sum of n products in any order; four times that, and a millionth.</summary>
    internal static double FloatSlack(int dimensions) => dimensions * Math.ScaleB(1.0, -22) + 1e-6;

    /// <summary>Writes <paramref name="row"/>'s codes and scale; returns the length of the remainder, rounded up.</summary>
    private static float Code(ReadOnlySpan<float> row, Span<sbyte> codes, out float scale)
    {
        var largest = TensorPrimitives.MaxMagnitude(row);
        if (!float.IsFinite(largest) || largest == 0)
        {
            scale = float.NaN;
            codes.Clear();
            return float.PositiveInfinity;
        }
        largest = MathF.Abs(largest);
        scale = largest / 127f;
        var squares = 0.0;
        for (var i = 0; i < row.Length; i++)
        {
            var code = (sbyte)Math.Clamp(MathF.Round(row[i] / scale), -127f, 127f);
            codes[i] = code;
            var left = row[i] - (double)scale * code;
            squares += left * left;
        }
        var length = Math.Sqrt(squares);
        var rounded = (float)length;
        return rounded < length ? MathF.BitIncrement(rounded) : rounded;
    }

    /// <summary>The integer dot product of two code rows of the same length (exact).</summary>
    internal static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ref var left = ref MemoryMarshal.GetReference(a);
        ref var right = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported)
        {
            var total = Vector256<int>.Zero;
            for (; i + 16 <= a.Length; i += 16)
            {
                var x = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref left, (nuint)i));
                var y = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref right, (nuint)i));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(x, y));
            }
            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var total = Vector128<int>.Zero;
            for (; i + 16 <= a.Length; i += 16)
            {
                var x = Vector128.LoadUnsafe(ref left, (nuint)i);
                var y = Vector128.LoadUnsafe(ref right, (nuint)i);
                var low = Vector128.WidenLower(x) * Vector128.WidenLower(y);
                var high = Vector128.WidenUpper(x) * Vector128.WidenUpper(y);
                total += Vector128.WidenLower(low) + Vector128.WidenUpper(low) + Vector128.WidenLower(high) + Vector128.WidenUpper(high);
            }
            sum = Vector128.Sum(total);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
