namespace Strata.Core.Llm;

/// <summary>What the core hands the host's LLM runs when it builds them: the accounting that checks and records every
/// call, and the sealer that opens a user's stored provider key for their run's calls (null when the host loaded no
/// server key: runs then use the provider's server-wide key), and the process's register of runs being worked on, so a
/// cancel stops their calls at once.</summary>
public sealed record LlmRunPorts(ILlmUsageRecorder Usage, IProviderKeySealer? Keys, Runs.RunStops Stops);
