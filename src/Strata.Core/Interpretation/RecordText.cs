using Strata.Core.Errors;
using Strata.Core.Text;

namespace Strata.Core.Interpretation;

/// <summary>Refuses a record read from a file when any of its text cannot be stored (see <see cref="StorableText"/>).</summary>
/// <remarks>The same bytes fail the same way every time, so this is MALFORMED_CONTENT: the run fails at once, naming
/// the record and the field, instead of being retried as if the failure were passing.</remarks>
public static class RecordText
{
    public static void Require(ExtractedRecord record)
    {
        if (record.EntityType is { } type && StorableText.Problem(type) is { } typeProblem)
        {
            throw Refused(record, $"its entity type {typeProblem}");
        }
        foreach (var (field, value) in record.Fields)
        {
            if (StorableText.Problem(field) is { } nameProblem) throw Refused(record, $"a field name {nameProblem}");
            if (StorableText.Find(value, field) is { } problem) throw Refused(record, $"field {problem}");
        }
    }

    private static StrataException Refused(ExtractedRecord record, string what) =>
        StrataException.Malformed($"Record {record.Locator}: {what}. Nothing from this file was stored; fix the file and ingest it again.");
}
