using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Users;
using Strata.FakeLlm;
using Strata.Formats;
using Strata.Llm.Configuration;
using Strata.Core.Extraction.Packing;
using Strata.Core.Extraction;
using Strata.Llm.Hosting;
using Strata.Sqlite;
using Strata.Bench.Harness;

namespace Strata.Bench.Llm;

/// <summary>One LLM run, timed from the ingest call to the run's end: a Markdown note of <c>chunks</c> sections (one run
/// item each) into a fresh embedded Strata whose provider is the fake over real HTTP, with <c>concurrency</c> packs (and
/// call slots) in flight at once.</summary>
internal static class LlmRunMeasure
{
    public sealed record Outcome(int Items, int Completed, TimeSpan Elapsed, string Status);

    public static async Task<Outcome> RunAsync(FakeLlmServer server, int chunks, int concurrency, int packSize, CancellationToken cancellationToken)
    {
        using var workspace = new Workspace("llm");
        var options = new LlmOptions
        {
            Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
            {
                ["fake"] = new("fake", ProviderKind.Anthropic, server.BaseUrl, new Strata.Llm.Calls.ApiKey("bench-key")),
            },
            DefaultModel = new ModelRef("fake", "claude-sonnet-4-5"),
        };
        var runOptions = new LlmRunOptions
        {
            // Room for exactly packSize items per call: the ideal is concurrency × packSize ÷ latency.
            Packs = new PackCaps(packSize, 1_000_000, packSize * 400),
            ExpectedOutputTokensPerItem = 400,
            ParallelPacks = concurrency,
            Calls = new LlmCallLimits(concurrency, concurrency, TimeSpan.FromMinutes(15)),
        };
        var services = EmbeddedStrata.Open(workspace.Folder("strata"), [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            Llm = LlmModels.Create(options, runOptions, TimeProvider.System, NullLoggerFactory.Instance),
        });
        var user = (await services.Users.CreateAsync("bench", Plans.Enterprise, cancellationToken)).UserId;
        var note = Encoding.UTF8.GetBytes(Note(chunks));

        var start = Stopwatch.GetTimestamp();
        var result = await services.Ingest.IngestAsync(user, new IngestRequest(new MemoryStream(note), "minutes.md") { Llm = true }, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var run = await services.Sources.GetRunAsync(user, result.Interpretation.RunId!, cancellationToken);
        return new Outcome(run.Items?.Total ?? 0, run.Items?.Completed ?? 0, elapsed, run.Status);
    }

    /// <summary>A Markdown note of <paramref name="sections"/> headed sections: a heading starts a chunk, so one item each.</summary>
    public static string Note(int sections)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sections; i++)
        {
            text.Append("# Item ").Append(i).Append("\nAda asked Grace to send report ").Append(i).Append(" by Friday; the review is in Room ")
                .Append(i % 12).Append(".\n\n");
        }
        return text.ToString();
    }

    public static bool Finished(Outcome outcome) => outcome.Status == RunStatuses.Completed;
}
