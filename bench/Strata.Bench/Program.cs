using Strata.Bench;

return await BenchCommandLine.RunAsync(args);
