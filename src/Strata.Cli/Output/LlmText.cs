using System.Globalization;
using System.Text;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>How models, provider keys and LLM usage read to a person. Keys show only as fingerprints.</summary>
internal static partial class HumanText
{
    private static string LlmUsageLine(LlmUsageView llm, string month)
    {
        var cost = llm.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture);
        var budget = llm.BudgetUsd is { } b ? $" of ${b.ToString("0.00", CultureInfo.InvariantCulture)}" : " (no budget)";
        var unpriced = llm.UnpricedCalls > 0 ? $", {Plural.Count((int)llm.UnpricedCalls, "call")} of unpriced models not in it" : "";
        return $"  llm calls        {llm.Calls} in {month}: {llm.InputTokens} input, {llm.OutputTokens} output, "
            + $"{llm.CacheReadTokens} cache-read, {llm.CacheWriteTokens} cache-write tokens; ${cost}{budget}{unpriced}\n";
    }

    public static string Of(ModelsView m)
    {
        var text = new StringBuilder();
        text.AppendLine(m.DefaultModel is null
            ? "default model: none (set STRATA_LLM__DEFAULTMODEL, or yours with `strata models default provider/model`)"
            : $"default model: {m.DefaultModel} ({(m.ChosenBy == "user" ? "yours" : "the server's")})");
        if (m.Providers.Count == 0)
        {
            text.AppendLine("no provider configured: see docs/llm.md (STRATA_LLM__PROVIDERS__<NAME>__BASEURL)");
            return text.ToString();
        }
        var table = new TextTable("PROVIDER", "KIND", "BASE URL", "KEY", "MODELS");
        foreach (var p in m.Providers)
        {
            var key = p.Key == "user" ? $"yours ({p.KeyFingerprint})" : p.Key;
            table.Add(p.Name, p.Kind, p.BaseUrl, key, p.Models.Count == 0 ? "-" : string.Join(", ", p.Models));
        }
        return text.Append(table).ToString();
    }

    public static string Of(ProviderKeyView k) => $"{k.Provider}: key {k.Fingerprint} (set {k.UpdatedAt:yyyy-MM-dd HH:mm} UTC)\n";

    public static string Of(ProviderKeyList r)
    {
        if (r.Keys.Count == 0) return "no provider keys stored (strata keys set PROVIDER reads one from standard input)\n";
        var table = new TextTable("PROVIDER", "FINGERPRINT", "SET");
        foreach (var k in r.Keys) table.Add(k.Provider, k.Fingerprint, k.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return table.ToString();
    }
}
