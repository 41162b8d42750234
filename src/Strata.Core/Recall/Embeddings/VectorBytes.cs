using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Strata.Core.Recall.Embeddings;

/// <summary>A vector as stored: float32, little-endian, 4 bytes a dimension — the same bytes on every machine and database.</summary>
public static class VectorBytes
{
    public static byte[] Of(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        else for (var i = 0; i < vector.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        return bytes;
    }

    /// <summary>Reads stored bytes into <paramref name="target"/> (which must be exactly their length in floats).</summary>
    public static void Read(ReadOnlySpan<byte> bytes, Span<float> target)
    {
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(bytes).CopyTo(target);
        else for (var i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
    }
}
