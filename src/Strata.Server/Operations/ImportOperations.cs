using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Chat-history imports: upload an export, follow it, resume its full pass; and MEMORY.md.</summary>
public static class ImportOperations
{
    private static readonly Parameter ImportId = new("import_id", ParameterType.String, "The import's id (imp_...).", Required: true);

    public static StrataOperation ImportChat(AllowedRoot? localFiles)
    {
        var file = new FileArgument(localFiles, "the export");
        var parameters = new List<Parameter>
        {
            new("provider", ParameterType.String,
                "Which assistant wrote the export: chatgpt or claude; or messages for a JSON Lines message file (one message a line: "
                + "conversation_id, conversation_title?, message_id, speaker?, role?, time?, text).", Required: true),
        };
        parameters.AddRange(file.Parameters("The export's bytes, base64-encoded: a ChatGPT zip, a ChatGPT or Claude conversations.json, or a JSON Lines message file."));
        parameters.Add(new("filename", ParameterType.String, "The export's file name, kept on the import."));
        parameters.Add(new("projects_base64", ParameterType.String,
            "Claude's projects.json, base64-encoded, when the export is not a zip holding it: its projects become project entities."));
        parameters.Add(new("full_pass", ParameterType.Boolean,
            "Queue the full LLM pass after the quick pass (default true, false for messages; needs a configured model)."));

        return new StrataOperation("import_chat", "Import a chat history",
            "Import a ChatGPT or Claude export as chat-history memory. Each conversation becomes a source (importing the same export "
            + "again adds nothing; a newer export adds only new or changed conversations) and a document of message blocks. The quick "
            + "pass (statistics, richness, a profile of the history) is done when this answers (status quick_ready); the full LLM pass, "
            + "which extracts preferences, projects, events, beliefs, decisions and people with evidence in the message, runs in a worker "
            + "(follow it with get_import; status complete or failed). A broken export answers status failed with where it broke and "
            + "what was imported before the break.",
            new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
            parameters,
            () => StrataJson.Wire.ChatImportView,
            async (call, ct) =>
            {
                var args = call.Arguments;
                await using var content = file.Open(args, call.Services.Options.MaxUploadBytes);
                await using var projects = args.String("projects_base64") is { } projectsBase64
                    ? new MemoryStream(Base64Content.Decode(projectsBase64, call.Services.Options.MaxUploadBytes), writable: false)
                    : null;
                var result = await ImportChatAsync(call.Services, call.UserId, content.Content, args.RequiredString("provider"),
                    content.FileName(args.String("filename")), args.Bool("full_pass"), projects, ct);
                return OperationResult.Of(result, StrataJson.Wire.ChatImportView, created: result.Counts.ConversationsAdded > 0);
            })
        {
            Route = HttpRoute.Post("/v1/imports"),
            AnswersCreated = true,
        };
    }

    /// <summary>
    /// What <c>import_chat</c> does with the export once its bytes are at hand: REST, MCP and the CLI's JSON call with the
    /// decoded <c>content_base64</c> (or a local path), the web page's upload form with the export it spooled. One place
    /// decides the provider's check and the full pass's default, so no surface imports differently.
    /// </summary>
    /// <param name="content">The export, seekable (a zip is read from its end).</param>
    /// <param name="fullPass">full_pass as given; absent means true, except for a messages file.</param>
    public static Task<ChatImportView> ImportChatAsync(Core.StrataServices services, string userId, Stream content, string provider,
        string? fileName, bool? fullPass, Stream? projects, CancellationToken ct)
    {
        var known = ChatProviders.Require(provider);
        return services.ChatImports.ImportAsync(userId,
            new ChatImportRequest(content, known, fileName, fullPass ?? known != ChatProviders.Messages, projects), null, ct);
    }

    public static readonly StrataOperation GetImport = new("get_import", "Get a chat import",
        "A chat import's status (pending, processing, quick_ready, complete, failed), its counts (conversations read, added, unchanged; "
        + "messages; facts), the full pass's progress, the profile of the history and the last error (at most 500 characters).",
        OperationTraits.Read,
        [ImportId],
        () => StrataJson.Wire.ChatImportView,
        async (call, ct) => OperationResult.Of(
            await call.Services.ChatImports.GetAsync(call.UserId, call.Arguments.RequiredString("import_id"), ct), StrataJson.Wire.ChatImportView))
    {
        Route = HttpRoute.Get("/v1/imports/{import_id}"),
    };

    public static readonly StrataOperation ListImports = new("list_imports", "List imports",
        "Your imports of every kind (kind: chatgpt, claude or messages), newest first, each with its status, last error, counts and "
        + "full-pass progress. An import whose reading process died (killed) is ended failed, saying it was interrupted, before it is listed.",
        OperationTraits.Read,
        [CommonParameters.Limit, CommonParameters.Cursor, CommonParameters.IncludeTotal, CommonParameters.Skip],
        () => StrataJson.Wire.ImportList,
        async (call, ct) => OperationResult.Of(
            await call.Services.ChatImports.ListAsync(call.UserId, CommonParameters.PagingOf(call.Arguments), ct), StrataJson.Wire.ImportList))
    {
        Route = HttpRoute.Get("/v1/imports"),
    };

    public static readonly StrataOperation ResumeImport = new("resume_import", "Resume a chat import's full pass",
        "Queue the full LLM pass of an import again: conversations it finished are kept, those not done or failed are read. "
        + "Use it after an import says failed (a model outage, a budget used up). A complete import answers as it is.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [ImportId],
        () => StrataJson.Wire.ChatImportView,
        async (call, ct) => OperationResult.Of(
            await call.Services.ChatImports.ResumeAsync(call.UserId, call.Arguments.RequiredString("import_id"), ct), StrataJson.Wire.ChatImportView))
    {
        Route = HttpRoute.Post("/v1/imports/{import_id}/resume"),
    };

    public static readonly StrataOperation GetChatEvidence = new("get_chat_evidence", "Show where a chat fact was said",
        "Follow a fact from a chat import back to the exact words of its message: give observation_id (every field of that "
        + "observation), or entity_id with field (the observation that won the field's current value). Each answer names the import, "
        + "the conversation (id, title, its source), the message (index, id, block_uid, role, time), the quote's character range "
        + "within the message's text and that text sliced from the stored conversation. A fact not from a chat has no evidence "
        + "(an empty list). OBSERVATION_NOT_FOUND / ENTITY_NOT_FOUND for ids that are not yours.",
        OperationTraits.Read,
        [
            new("observation_id", ParameterType.String, "The observation (obs_...) whose evidence to show."),
            new("entity_id", ParameterType.String, "Instead of observation_id: the entity (ent_...) whose field to trace."),
            new("field", ParameterType.String, "With entity_id: the field, e.g. value or name."),
        ],
        () => StrataJson.Wire.ChatEvidenceView,
        async (call, ct) => OperationResult.Of(
            await call.Services.ChatEvidence.GetAsync(call.UserId, call.Arguments.String("observation_id"), call.Arguments.String("entity_id"),
                call.Arguments.String("field"), ct), StrataJson.Wire.ChatEvidenceView))
    {
        Route = HttpRoute.Get("/v1/chat-evidence"),
    };

    public static readonly StrataOperation GetMemory = new("get_memory", "Get MEMORY.md",
        "MEMORY.md rendered from your entities' snapshots: Profile, Preferences, Projects, People, "
        + "Important Dates, Beliefs & Values, Decisions & Context; the most recent and most supported first, within a token budget "
        + "(default 4000); each line links its entity (strata://entities/{id}); an empty section says \"Nothing yet.\". When a model "
        + "is configured, a summary and profile sections (communication style, tone, boundaries) written by it after an import's full "
        + "pass are added, titled \"(generated)\". Also the MCP resource strata://memory.",
        OperationTraits.Read,
        [new("token_budget", ParameterType.Integer, "Tokens the document may use (100-100000; default 4000).") { Minimum = 100, Maximum = 100_000 }],
        () => StrataJson.Wire.MemoryDocument,
        async (call, ct) => OperationResult.Of(
            await call.Services.Memory.RenderAsync(call.UserId, call.Arguments.Int("token_budget"), ct), StrataJson.Wire.MemoryDocument))
    {
        Route = HttpRoute.Get("/v1/memory"),
    };
}
