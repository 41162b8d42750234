using System.Runtime.CompilerServices;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Records;

namespace Strata.Formats.Csv;

/// <summary>
/// Reads <c>text/csv</c> (RFC 4180, UTF-8): the first row names the fields, each later row is a record
/// (<c>row:N</c>, counting data rows from 1). Cells stay strings; empty cells are left out.
/// </summary>
public sealed class CsvRecordReader : IRecordReader
{
    public string Format => "csv";

    public bool CanRead(string mimeType) => MediaTypes.Normalize(mimeType) == MediaTypes.Csv;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(
        Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var rows = new CsvRowReader(content);
        var cells = new List<string>();
        do
        {
            if (!await rows.ReadRowAsync(cells, cancellationToken))
            {
                yield break;
            }
        }
        while (cells.Count == 0);

        var header = CsvHeader.Parse(cells, rows.RowLine);
        var budget = new RecordBudget(options.MaxRecords);
        var rowNumber = 0;
        while (await rows.ReadRowAsync(cells, cancellationToken))
        {
            if (cells.Count == 0)
            {
                continue;
            }

            rowNumber++;
            if (cells.Count > header.Names.Count)
            {
                throw StrataException.Malformed(
                    $"Row {rowNumber} of the CSV (line {rows.RowLine}) has {cells.Count} cells but the header has " +
                    $"{header.Names.Count} columns. A cell containing a comma must be quoted.");
            }

            if (ToRecord(header, cells, rowNumber, options) is { } record)
            {
                budget.Take();
                yield return record;
            }
        }
    }

    private static ExtractedRecord? ToRecord(CsvHeader header, List<string> cells, int rowNumber, RecordReadOptions options)
    {
        var fields = new TextFieldsBuilder();
        string? entityType = null;
        for (var i = 0; i < cells.Count; i++)
        {
            if (i == header.EntityTypeIndex)
            {
                entityType = cells[i].Trim() is { Length: > 0 } named ? named : null;
            }
            else if (cells[i].Length > 0)
            {
                fields.Add(header.Names[i], cells[i]);
            }
        }

        // A row of empty cells (spreadsheets pad exports with them) carries nothing to record.
        if (fields.Count == 0 && entityType is null)
        {
            return null;
        }

        if (header.EntityTypeIndex < 0)
        {
            entityType = options.EntityType;
        }
        return new ExtractedRecord(entityType, fields.Build(), $"row:{rowNumber}");
    }
}
