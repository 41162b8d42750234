namespace Strata.Formats.Records;

/// <summary>For single-valued fields fed by properties that may repeat: the first value with text wins.</summary>
internal static class FirstNonBlank
{
    public static void Keep(ref string? slot, string? value)
    {
        if (slot is null && !string.IsNullOrWhiteSpace(value))
        {
            slot = value;
        }
    }
}
