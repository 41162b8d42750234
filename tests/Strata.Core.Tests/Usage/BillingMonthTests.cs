using Strata.Core.Usage;

namespace Strata.Core.Tests.Usage;

public sealed class BillingMonthTests
{
    [Fact]
    public void TheMonthIsTheUtcCalendarMonthAndResetsAtTheStartOfTheNext()
    {
        var lateInLocalTime = new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.FromHours(-2)); // 2025-01-01T01:30Z

        Assert.Equal("2025-01", BillingMonth.Of(lateInLocalTime));
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), BillingMonth.ResetsAt(lateInLocalTime));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), BillingMonth.ResetsAt(new DateTimeOffset(2024, 12, 15, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_call_late_in_a_local_evening_belongs_to_the_utc_month_it_was_made_in()
    {
        Assert.Equal("2026-12", BillingMonth.Of(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.FromHours(-2))));
        Assert.Equal("2026-11", BillingMonth.Of(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1L << 30, "1 GiB")]
    [InlineData(100L << 30, "100 GiB")]
    public void ByteCountsReadAsAPersonWritesThem(long bytes, string expected) => Assert.Equal(expected, ByteSizes.Describe(bytes));

    [Fact]
    public void AnUnknownPlanGetsTheFreeLimitsNotUnlimited()
    {
        Assert.Equal(PlanCatalog.Defaults.For("free"), PlanCatalog.Defaults.For("typo"));
        Assert.Equal(new PlanLimits(null, null), PlanCatalog.Defaults.For("enterprise"));
        Assert.Equal(new PlanLimits(100L << 30, 1_000), PlanCatalog.Defaults.For("pro"));
    }
}
