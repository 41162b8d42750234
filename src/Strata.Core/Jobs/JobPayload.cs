using System.Text.Json;

namespace Strata.Core.Jobs;

/// <summary>Job payloads Strata writes are flat JSON objects of strings: <c>{"run_id": "run_…"}</c>.</summary>
public static class JobPayload
{
    public static string Of(string key, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }, CoreJsonContext.Default.DictionaryStringString);

    public static string Read(Job job, string key)
    {
        var values = JsonSerializer.Deserialize(job.Payload, CoreJsonContext.Default.DictionaryStringString);
        return values is not null && values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"Job {job.Id} ({job.Kind}) has no '{key}' in its payload.");
    }
}
