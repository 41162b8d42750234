using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;

namespace Strata.Formats.Tests.Support;

/// <summary>Runs a reader to the end and gives back what it produced, or the error it raised.</summary>
public static class RecordReading
{
    public static Task<List<ExtractedRecord>> ReadAllAsync(
        IRecordReader reader, string text, RecordReadOptions? options = null, int maxBytesPerRead = int.MaxValue) =>
        ReadAllAsync(reader, GeneratedStream.FromText(text, maxBytesPerRead), options);

    public static async Task<List<ExtractedRecord>> ReadAllAsync(
        IRecordReader reader, Stream content, RecordReadOptions? options = null)
    {
        var records = new List<ExtractedRecord>();
        await foreach (var record in reader.ReadAsync(content, options ?? new RecordReadOptions(), CancellationToken.None))
        {
            records.Add(record);
        }
        return records;
    }

    /// <summary>Asserts the content is rejected as MALFORMED_CONTENT and returns the message for further checks.</summary>
    public static async Task<string> MalformedMessageAsync(
        IRecordReader reader, string text, RecordReadOptions? options = null)
    {
        var error = await Assert.ThrowsAsync<StrataException>(() => ReadAllAsync(reader, text, options));
        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        return error.Message;
    }

    public static string Text(this ExtractedRecord record, string field)
    {
        Assert.True(record.Fields.TryGetValue(field, out var value), $"{record.Locator} has no field '{field}'.");
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return value.GetString()!;
    }

    public static string[] Texts(this ExtractedRecord record, string field)
    {
        Assert.True(record.Fields.TryGetValue(field, out var value), $"{record.Locator} has no field '{field}'.");
        return value.EnumerateArray().Select(item => item.GetString()!).ToArray();
    }
}
