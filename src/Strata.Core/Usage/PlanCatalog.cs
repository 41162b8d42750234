using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;
using Strata.Core.Users;

namespace Strata.Core.Usage;

/// <summary>The limits of each plan: the defaults below, overridden by configuration keys
/// <c>Plans:{plan}:StorageBytes</c> and <c>Plans:{plan}:InterpretationsPerMonth</c> (a number, or <c>unlimited</c>).</summary>
public sealed class PlanCatalog
{
    private const long GiB = 1L << 30;

    private readonly IReadOnlyDictionary<string, PlanLimits> _plans;

    private PlanCatalog(IReadOnlyDictionary<string, PlanLimits> plans) => _plans = plans;

    public static PlanCatalog Defaults { get; } = new(new Dictionary<string, PlanLimits>(StringComparer.Ordinal)
    {
        [Plans.Free] = new(1 * GiB, 100),
        [Plans.Pro] = new(100 * GiB, 1_000),
        [Plans.Enterprise] = new(null, null),
    });

    public IReadOnlyDictionary<string, PlanLimits> All => _plans;

    /// <summary>An unknown plan gets the free plan's limits: a typo in a plan name must not mean "unlimited".</summary>
    public PlanLimits For(string plan) => _plans.TryGetValue(plan, out var limits) ? limits : _plans[Plans.Free];

    public PlanCatalog With(string plan, PlanLimits limits) =>
        new(new Dictionary<string, PlanLimits>(_plans, StringComparer.Ordinal) { [plan] = limits });

    public static PlanCatalog From(IConfiguration configuration)
    {
        var catalog = Defaults;
        foreach (var plan in configuration.GetSection("Plans").GetChildren())
        {
            var current = catalog.For(plan.Key);
            catalog = catalog.With(plan.Key, new PlanLimits(
                ConfigValues.Limit(plan, "StorageBytes", current.StorageBytes),
                (int?)ConfigValues.Limit(plan, "InterpretationsPerMonth", current.InterpretationsPerMonth),
                ConfigValues.Dollars(plan, "LlmBudgetPerMonth", current.LlmBudgetPerMonth)));
        }
        return catalog;
    }
}
