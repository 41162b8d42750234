using System.Globalization;
using Strata.FakeLlm;

// A runnable fake provider for benchmarks and manual tries:
//   dotnet run --project tests/Strata.FakeLlm -- --port 8089 --latency-ms 200 [--api-key KEY] [--script rules.json]
// Prompts no rule of the script matches (all, without one) are answered by echoing their <item id="…"> tags with empty
// results. The script's rules: see ScriptFile (tests/Strata.FakeLlm/scripts/meeting-note.json is the walk-through's).
var port = 8089;
var latency = TimeSpan.Zero;
string? apiKey = null;
string? scriptPath = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--latency-ms": latency = TimeSpan.FromMilliseconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
        case "--api-key": apiKey = args[i + 1]; break;
        case "--script": scriptPath = args[i + 1]; break;
        default: Console.Error.WriteLine($"Unknown option {args[i]}; use --port, --latency-ms, --api-key, --script."); return 2;
    }
}
await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { Port = port, Latency = latency, RequiredApiKey = apiKey, RecordRequests = false });
if (scriptPath is not null) Console.WriteLine($"{ScriptFile.Load(scriptPath, server.Script)} rule(s) from {scriptPath}");
Console.WriteLine($"fake LLM listening on {server.BaseUrl} (Anthropic) and {server.OpenAiBaseUrl} (OpenAI-compatible)");
await server.WaitForShutdownAsync(CancellationToken.None);
return 0;
