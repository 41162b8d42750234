using System.Runtime.CompilerServices;
using Strata.Core.Interpretation;
using Strata.Formats.Records;
using Strata.Formats.Text;

namespace Strata.Formats.Notes;

/// <summary>
/// Reads <c>text/markdown</c> as one <c>note</c> (locator <c>document</c>): the body is the whole text; the title
/// is the first ATX heading, else the file name without extension, else the first non-empty line.
/// </summary>
public sealed class MarkdownRecordReader : IRecordReader
{
    public const string EntityType = "note";

    public string Format => "markdown";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.Markdown;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = await WholeText.ReadAsync(content, cancellationToken);
        var title = MarkdownHeading.FirstAtx(text)
            ?? NoteTitle.FromFileName(options.FileName)
            ?? NoteTitle.FirstNonEmptyLine(text);

        var fields = new TextFieldsBuilder();
        fields.AddIfPresent("title", title is null ? null : NoteTitle.Limit(title));
        fields.Add("body", text);
        new RecordBudget(options.MaxRecords).Take();
        yield return new ExtractedRecord(EntityType, fields.Build(), "document");
    }
}
