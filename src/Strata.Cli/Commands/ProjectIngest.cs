using Strata.Cli.Output;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary>
/// <c>strata ingest --project P FILES...|FOLDER</c>: each file becomes a document of the project (the <c>add_document</c>
/// service call), converted before the next starts unless <c>--no-wait</c>. Every file gets its line (its document and
/// status, or its error) and the others go on; the exit code is 1 when any file failed.
/// </summary>
internal static class ProjectIngest
{
    public static async Task<int> RunAsync(CliContext context, string project, IReadOnlyList<IngestInputs.Input> inputs, string? stdinName, string? mediaType,
        bool wait, CancellationToken ct)
    {
        // The project is checked before any file is read: a wrong name is one error, not one per file.
        var target = await context.Services.Projects.GetAsync(context.UserId, project, ct);
        var exit = 0;
        var failed = 0;
        var added = 0;
        using (var progress = context.Json ? null : new FileProgress(inputs.Count))
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var (path, skipped) = (inputs[i].Path, inputs[i].Skipped);
                if (skipped is not null)
                {
                    Printer.Skipped(context.Json, path, skipped);
                    progress?.Finished(i + 1, path, "skipped: " + skipped);
                    continue;
                }
                var stdin = path == IngestInputs.StandardInput;
                var fileName = stdin ? stdinName : Path.GetFileName(path);
                progress?.Starting(i + 1, fileName ?? "standard input");
                try
                {
                    AddDocumentResult result;
                    await using (var content = stdin ? Console.OpenStandardInput() : IngestCommands.OpenFile(path))
                    {
                        result = await context.Services.Documents.AddFileAsync(context.UserId, target.ProjectId, content, fileName, mediaType, wait, ct);
                    }
                    added++;
                    progress?.Finished(i + 1, path, DocumentText.Status(result.Document));
                    Printer.Print(context.Json, result, StrataJson.Wire.AddDocumentResult, DocumentText.Of);
                    if (result.Document.Status == "conversion_failed")
                    {
                        failed++;
                        exit = 1;
                    }
                }
                catch (StrataException failure)
                {
                    progress?.Finished(i + 1, path, $"error {failure.Code}");
                    exit = Printer.Error(context.Json, failure.Code, $"{path}: {failure.Message}");
                    failed++;
                }
            }
        }
        if (!context.Json) Console.Out.WriteLine($"{Plural.Count(added, "file")} added to project '{target.Name}' ({target.ProjectId}), {failed} failed");
        return exit;
    }
}
