using Strata.Core.Llm;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Llm.Configuration;

namespace Strata.Llm.Runs;

/// <summary>What a workflow that calls the model works with: the store and blobs, the LLM and run options, the clients, the
/// call slots, the core's accounting and keys, the write limits and the clock (handed on whole, not parameter by parameter).</summary>
internal sealed record LlmRunKit(IStrataStore Store, IBlobStore Blobs, LlmOptions Options, LlmRunOptions RunOptions, LlmClientFactory Clients,
    ILlmCallSlots Slots, LlmRunPorts Ports, WriteLimits Limits, TimeProvider Clock);
