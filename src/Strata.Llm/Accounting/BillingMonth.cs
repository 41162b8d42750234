using System.Globalization;

namespace Strata.Llm.Accounting;

/// <summary>Billing months are calendar months in UTC, written <c>yyyy-MM</c>.</summary>
public static class BillingMonth
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
