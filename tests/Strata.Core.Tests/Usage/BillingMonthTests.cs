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
