namespace Strata.Core.Configuration;

/// <summary>A setting in strata.json or a <c>STRATA_</c> environment variable that cannot mean anything sensible.
/// Hosts stop with its message, which names the key, rather than run with a guess.</summary>
public sealed class StrataConfigurationException(string message) : Exception(message);
