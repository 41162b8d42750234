using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Extraction;

/// <summary>What a workflow that calls the model works with: the store and blobs, the host's models, the run options, the
/// call slots, the accounting that checks and records every call, the sealer that opens a user's stored provider key (null
/// when the host loaded no server key: calls then use the provider's server-wide key), the process's register of runs being
/// worked on (a cancel stops their calls at once), the write limits and the clock (handed on whole, not parameter by parameter).</summary>
public sealed record LlmRunKit(IStrataStore Store, IBlobStore Blobs, ILanguageModels Models, LlmRunOptions RunOptions, ILlmCallSlots Slots,
    ILlmUsageRecorder Usage, IProviderKeySealer? Keys, RunStops Stops, WriteLimits Limits, TimeProvider Clock);
