using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core.Llm;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Llm.BlockRuns;
using Strata.Llm.Configuration;

namespace Strata.Llm.Runs;

/// <summary>Builds a host's LLM runs from configuration (<c>Llm:…</c>): with no model configured, asking for an LLM run
/// answers <c>LLM_NOT_CONFIGURED</c> with how to configure one, and nothing else changes.</summary>
public static class LlmRunsHost
{
    public static ILlmRuns Create(IStrataStore store, IBlobStore blobs, IConfiguration configuration, WriteLimits limits, TimeProvider clock,
        ILoggerFactory loggers, LlmRunPorts? ports = null) =>
        Create(store, blobs, LlmConfiguration.Read(configuration), LlmRunOptions.Read(configuration), limits, clock, loggers, ports);

    public static ILlmRuns Create(IStrataStore store, IBlobStore blobs, LlmOptions options, LlmRunOptions runOptions, WriteLimits limits,
        TimeProvider clock, ILoggerFactory loggers, LlmRunPorts? ports = null)
    {
        var clients = new LlmClientFactory(Calls.ProviderHttp.Client, options, clock, loggers);
        var runPorts = ports ?? new LlmRunPorts(NoLlmUsageRecorder.Instance, null, new Core.Runs.RunStops());
        return new LlmPorts(
            new LlmRunService(store, blobs, options, runOptions, clients, store.LlmCallSlots, runPorts, limits, clock, loggers.CreateLogger<LlmRunService>()),
            new BlockRunService(store, options, runOptions, clients, store.LlmCallSlots, runPorts, clock, loggers.CreateLogger<BlockRunService>()));
    }
}
