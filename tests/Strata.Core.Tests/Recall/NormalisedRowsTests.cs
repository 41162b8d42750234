using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;

namespace Strata.Core.Tests.Recall;

/// <summary>
/// The two-pass nearest rows (<see cref="NormalisedRows"/>): on random, clustered and nearly tied rows, with filters, rows
/// with no direction and several caps, the list is exactly the one scoring every row in float32 gives (keys, scores and
/// the tie rule), and the second pass scores a small part of the rows.
/// </summary>
public sealed class NormalisedRowsTests
{
    private static UnitKey Key(int row) => new($"doc_{row / 7:D5}", row % 7);

    private static NormalisedRows Rows(IEnumerable<float[]> vectors, int dimensions)
    {
        var list = vectors.ToList();
        var rows = new NormalisedRows(dimensions, list.Count);
        foreach (var vector in list) rows.Add(VectorBytes.Of(vector));
        return rows;
    }

    /// <summary>What the scan of every row gives: each scored in float32 and offered to the bounded list.</summary>
    private static IReadOnlyList<(UnitKey Key, double Score)> EveryRow(NormalisedRows rows, float[] question, int cap, Func<int, bool>? include)
    {
        var best = new NearestList(cap);
        for (var i = 0; i < rows.Count; i++)
        {
            if (include is null || include(i)) best.Offer(Key(i), VectorSearch.Score(question, rows.Row(i)));
        }
        return best.Ranked();
    }

    private static float[] Gaussian(Random random, int dimensions, float[]? around = null, double spread = 1)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            vector[i] = (float)((around?[i] ?? 0) + spread * normal);
        }
        return vector;
    }

    private static void AssertSame(NormalisedRows rows, float[] question, int cap, Func<int, bool>? include, int? mostRescored = null)
    {
        var normalised = VectorSearch.Normalised(question);
        var expected = EveryRow(rows, normalised, cap, include);
        var actual = rows.Nearest(normalised, cap, include, Key, out var rescored);
        Assert.Equal(expected, actual);
        if (mostRescored is { } most) Assert.InRange(rescored, Math.Min(cap, expected.Count), most);
    }

    [Theory]
    [InlineData(16, 3_000)]
    [InlineData(64, 3_000)]
    [InlineData(384, 1_500)]
    [InlineData(37, 2_000)] // not a multiple of the 16 codes dotted at once
    public void Random_rows_give_exactly_the_float32_list_with_every_cap_and_filter(int dimensions, int count)
    {
        var random = new Random(dimensions * 7919 + count);
        var rows = Rows(Enumerable.Range(0, count).Select(_ => Gaussian(random, dimensions)), dimensions);
        for (var question = 0; question < 12; question++)
        {
            var asked = Gaussian(random, dimensions);
            foreach (var cap in new[] { 1, 10, 50 })
            {
                AssertSame(rows, asked, cap, null, mostRescored: count / 4);
                AssertSame(rows, asked, cap, i => i % 3 == 1);
            }
        }
        // A question that is one of the rows finds it first.
        AssertSame(rows, VectorSearch.Normalised(rows.Row(42)).ToArray(), 5, null);
    }

    [Fact]
    public void Clustered_rows_as_embeddings_are_with_the_question_inside_a_cluster_give_the_float32_list()
    {
        const int dimensions = 96;
        var random = new Random(11);
        var centres = Enumerable.Range(0, 8).Select(_ => Gaussian(random, dimensions)).ToList();
        var rows = Rows(Enumerable.Range(0, 4_000).Select(i => Gaussian(random, dimensions, centres[i % centres.Count], 0.15)), dimensions);
        foreach (var centre in centres)
        {
            var question = Gaussian(random, dimensions, centre, 0.1);
            AssertSame(rows, question, 50, null);
            AssertSame(rows, question, 10, i => i % 2 == 0);
        }
    }

    [Fact]
    public void Nearly_tied_rows_copies_and_rows_with_no_direction_keep_the_float32_order_and_tie_rule()
    {
        const int dimensions = 48;
        var random = new Random(5);
        var basis = Gaussian(random, dimensions);
        var vectors = new List<float[]>();
        for (var i = 0; i < 1_200; i++)
        {
            var vector = (float[])basis.Clone();
            switch (i % 4)
            {
                case 0: break; // an exact copy: ties broken by key
                case 1: vector[i % dimensions] = MathF.BitIncrement(vector[i % dimensions]); break; // one ulp away
                case 2: vector[i % dimensions] += (float)(1e-4 * random.NextDouble()); break;
                default: vector = i % 40 == 3 ? new float[dimensions] : Gaussian(random, dimensions); break; // zero now and then
            }
            vectors.Add(vector);
        }
        var rows = Rows(vectors, dimensions);
        AssertSame(rows, basis, 50, null);
        AssertSame(rows, basis, 7, i => i % 5 != 0);
        var near = (float[])basis.Clone();
        near[0] += 0.01f;
        AssertSame(rows, near, 50, null);
        // A question with no direction finds nothing, as every score is NaN.
        Assert.Empty(rows.Nearest(VectorSearch.Normalised(new float[dimensions]), 10, null, Key));
    }

    [Fact]
    public void Code_dot_products_are_exact_at_every_length()
    {
        var random = new Random(3);
        for (var length = 0; length <= 70; length++)
        {
            var a = new sbyte[length];
            var b = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                a[i] = (sbyte)random.Next(-127, 128);
                b[i] = (sbyte)(i % 9 == 0 ? -127 : random.Next(-127, 128));
            }
            var expected = 0;
            for (var i = 0; i < length; i++) expected += a[i] * b[i];
            Assert.Equal(expected, NormalisedRows.Dot(a, b));
        }
    }
}
