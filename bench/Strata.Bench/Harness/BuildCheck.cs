using System.Diagnostics;
using System.Reflection;

namespace Strata.Bench.Harness;

/// <summary>Figures from a Debug build measure the JIT's caution, not Strata: say so loudly.</summary>
public static class BuildCheck
{
    public static bool IsOptimized =>
        typeof(Strata.Core.StrataServices).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    public static void WarnIfNotOptimized()
    {
        if (!IsOptimized)
        {
            Console.Error.WriteLine("warning: Strata is built without optimisation; run with -c Release for figures worth quoting.");
        }
    }
}
