using Strata.Core.Errors;

namespace Strata.Formats.Records;

/// <summary>Counts records as a reader yields them and rejects the one past <c>MaxRecords</c>.</summary>
internal sealed class RecordBudget(int maxRecords)
{
    private int _taken;

    public void Take()
    {
        if (++_taken > maxRecords)
        {
            throw StrataException.Malformed(
                $"The file holds more than {maxRecords} records, the most one source may hold. Split it into smaller files.");
        }
    }
}
