using System.Runtime.CompilerServices;
using Strata.Core.Interpretation;
using Strata.Formats.Records;
using Strata.Formats.Text;

namespace Strata.Formats.Notes;

/// <summary>
/// Reads <c>text/plain</c> as one <c>note</c> (locator <c>document</c>): the body is the whole text; the title is
/// the first non-empty line, else the file name without extension. Text that is not UTF-8 is rejected.
/// </summary>
public sealed class PlainTextRecordReader : IRecordReader
{
    public const string EntityType = "note";

    public string Format => "text";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.PlainText;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = await WholeText.ReadAsync(content, cancellationToken);
        var title = NoteTitle.FirstNonEmptyLine(text) ?? NoteTitle.FromFileName(options.FileName);

        var fields = new TextFieldsBuilder();
        fields.AddIfPresent("title", title is null ? null : NoteTitle.Limit(title));
        fields.Add("body", text);
        new RecordBudget(options.MaxRecords).Take();
        yield return new ExtractedRecord(EntityType, fields.Build(), "document");
    }
}
