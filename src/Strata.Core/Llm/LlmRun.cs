using Strata.Core.Hashing;
using Strata.Core.Runs;
using Strata.Core.Sources;

namespace Strata.Core.Llm;

/// <summary>A pending LLM run with its recorded config (see <see cref="Extraction.LlmRunService.DescribeAsync"/>).</summary>
public static class LlmRun
{
    public static Run New(string userId, Source source, IReadOnlyDictionary<string, string?> config, DateTimeOffset now)
    {
        var configJson = RunConfig.Serialize(config);
        return new Run(StrataIds.NewRun(), userId, source.Id, LlmInterpreter.Name, LlmInterpreter.Version, configJson,
            Sha256Hex.Of(configJson), RunStatuses.Pending, 0, 0, 0, null, now, null, null, null);
    }
}
