using Strata.Core.Extraction;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Llm;

/// <summary>The model side a host hands the core (Strata.Llm's <c>LlmModels.Create</c>, one registration): the models, how
/// runs cut, pack and pace their calls (<c>Llm:Run:…</c>, <c>Llm:Concurrency:…</c>), and the clock the model-using workflows
/// wait on and stamp their runs with (the host's; a test that moves its own clock for the rest keeps the system's here, so
/// slot polls and retries are not left waiting for it).</summary>
public sealed record LlmHost(ILanguageModels Models, LlmRunOptions Runs, TimeProvider Clock);
