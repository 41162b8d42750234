using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>projects</c> (list, create, show, rename, delete) and <c>deletions</c>.</summary>
internal static class ProjectCommands
{
    public static Command Projects()
    {
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("projects", "List your projects (projects create NAME; show, rename and delete PROJECT).")
        {
            Create(), Show(), Rename(), Delete(),
        };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Projects.ListAsync(context.UserId, paging.From(parse), ct), StrataJson.Wire.ProjectList, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    public static Argument<string> ProjectArgument() => new("PROJECT") { Description = "The project's id (prj_...) or name." };

    private static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The project's name, unique among yours." };
        var command = new Command("create", "Create a project: a named collection of documents.") { name };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Projects.CreateAsync(context.UserId, parse.GetValue(name)!, ct), StrataJson.Wire.ProjectView, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var project = ProjectArgument();
        var command = new Command("show", "Show one project and its document count.") { project };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Projects.GetAsync(context.UserId, parse.GetValue(project)!, ct), StrataJson.Wire.ProjectView, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Rename()
    {
        var project = ProjectArgument();
        var name = new Argument<string>("NEW_NAME") { Description = "The new name." };
        var command = new Command("rename", "Give a project a new name; its id and documents stay.") { project, name };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Projects.RenameAsync(context.UserId, parse.GetValue(project)!, parse.GetValue(name)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ProjectView, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Delete()
    {
        var project = ProjectArgument();
        var preview = PreviewOption();
        var command = new Command("delete", "Delete a project and everything in it (documents, blocks, block runs and the entities only they fed, sources nothing else uses); says what it removed.")
        {
            project, preview,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            if (parse.GetValue(preview))
            {
                Printer.Print(context.Json, await context.Services.Deletions.PreviewAsync(context.UserId, parse.GetValue(project)!, null, ct),
                    StrataJson.Wire.DeletionPreview, DocumentText.Of);
                return 0;
            }
            var result = await context.Services.Deletions.DeleteProjectAsync(context.UserId, parse.GetValue(project)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.DeleteResult, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    /// <summary><c>--preview</c> of <c>projects delete</c> and <c>documents delete</c>: preview_deletion's counts, nothing deleted.</summary>
    public static Option<bool> PreviewOption() => new("--preview") { Description = "Say what the delete would remove (preview_deletion) and delete nothing." };

    public static Command Deletions()
    {
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("deletions", "List your explicit deletes (projects, documents), newest first, with what each removed.");
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Deletions.ListAsync(context.UserId, paging.From(parse), ct), StrataJson.Wire.DeletionList, DocumentText.Of);
            return 0;
        }));
        return command;
    }
}
