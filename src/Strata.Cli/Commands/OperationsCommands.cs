using System.CommandLine;
using Microsoft.Extensions.Logging;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary>Running workers and looking at the service: worker, usage, health, metrics.</summary>
internal static class OperationsCommands
{
    public static Command Worker()
    {
        var concurrency = new Option<int?>("--concurrency") { Description = "Parallel job loops (default: Worker:Concurrency, 1)." };
        var once = new Option<bool>("--once")
        {
            Description = "Enqueue this period's maintenance, return expired leases, run every job that is due, then exit.",
        };
        var command = new Command("worker", "Run queued jobs (interpretations, upload retries, maintenance) until Ctrl+C; " +
            "any number of workers may share one data directory or database.") { concurrency, once };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            Strata.Core.Jobs.PoolThreads.Reserve();
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(concurrency) is { } loops) overrides["Worker:Concurrency"] = loops.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var loggers = CliContext.Loggers(LogLevel.Information, parse.GetValue(GlobalOptions.Json));
            var services = await CliContext.OpenServicesAsync(parse, ct, loggers, overrides);
            // A worker's job and model-call spans join the traces of the requests that queued the jobs.
            using var traces = ServeStartup.Tracing(CliContext.DataDirectory(parse)) is { } tracing ? Strata.Server.Monitoring.StrataTraces.Start(tracing) : null;
            var worker = services.CreateWorkerHost();
            if (!parse.GetValue(once))
            {
                await worker.RunAsync(ct);
                return 0;
            }
            await worker.ScheduleAsync(ct);
            await services.Store.Jobs.RescueExpiredAsync(ct);
            var ran = await services.Jobs.DrainAsync(worker.Id, ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), new WorkerResult(ran), CliJson.Default.WorkerResult, r => $"ran {Plural.Count(r.JobsRun, "job")}\n");
            return 0;
        }));
        return command;
    }

    public static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the database (SQLite, or PostgreSQL with --database / STRATA_DATABASE_URL) " +
            "and make sure the S3 bucket exists when STRATA_S3_BUCKET is set. Every command also migrates on start; this does only that.");
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var steps = await Hosting.StrataBackends.MigrateAsync(CliContext.Backends(parse), ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), new MigrateResult(steps), CliJson.Default.MigrateResult,
                r => string.Concat(r.Steps.Select(line => line + "\n")));
            return 0;
        }));
        return command;
    }

    public static Command Usage()
    {
        var command = new Command("usage", "Show bytes stored, interpretations this billing month, and the plan's limits.");
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Usage.GetUsageAsync(context.UserId, ct), StrataJson.Wire.UsageView, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Health()
    {
        var command = new Command("health", "Check the database and the blob store (what /health reports). Exit 1 when either is down.");
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var report = await services.Health.CheckAsync(ct);
            Printer.Print(parse.GetValue(GlobalOptions.Json), report, StrataJson.Wire.HealthReport, HumanText.Of);
            return report.Status == HealthStatuses.Down ? 1 : 0;
        }));
        return command;
    }

    public static Command Metrics()
    {
        var command = new Command("metrics", "Print the metrics in the Prometheus text format (what /metrics serves; with --json, its samples as records; " +
            "counters here are this process's, so only the gauges read from the database are meaningful).");
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var text = await services.RenderMetricsAsync(ct);
            if (parse.GetValue(GlobalOptions.Json)) Printer.Print(true, PrometheusSamples.Parse(text), CliJson.Default.MetricsResult, _ => "");
            else Console.Out.Write(text);
            return 0;
        }));
        return command;
    }
}
