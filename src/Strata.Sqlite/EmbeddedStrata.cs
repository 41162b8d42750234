using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Interpretation;
using Strata.Core.Llm;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite;

/// <summary>The zero-setup default: <c>strata.db</c>, <c>sources/</c> (blobs), <c>spool/</c> and an optional
/// <c>strata.json</c> in one data directory.</summary>
public static class EmbeddedStrata
{
    public const string DefaultDataDirectory = "./strata-data";

    public const string ConfigurationFileName = "strata.json";

    /// <summary>Environment variables with this prefix override strata.json: <c>STRATA_Plans__free__InterpretationsPerMonth=2</c>.</summary>
    public const string EnvironmentPrefix = "STRATA_";

    public static StrataServices Open(string dataDirectory, IEnumerable<IInterpreter> interpreters, TimeProvider clock, long? maxUploadBytes = null) =>
        Open(dataDirectory, interpreters, clock, new EmbeddedSettings { MaxUploadBytes = maxUploadBytes });

    public static StrataServices Open(string dataDirectory, IEnumerable<IInterpreter> interpreters, TimeProvider clock, EmbeddedSettings settings)
    {
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        var configuration = settings.Configuration ?? LoadConfiguration(root);
        var store = SqliteStrataStore.Open(Path.Combine(root, "strata.db"), clock, LimitsConfiguration.Read(configuration).BusyTimeout);
        IBlobStore blobs = new FileBlobStore(root);
        if (settings.WrapBlobStore is not null) blobs = settings.WrapBlobStore(blobs);
        var options = StrataConfiguration.Apply(new StrataOptions
        {
            SpoolDirectory = Path.Combine(root, "spool"),
            MaxUploadBytes = settings.MaxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
        }, configuration);
        if (settings.LlmSetup is not null) options = options with { Llm = settings.LlmSetup };
        return new StrataServices(store, blobs, interpreters, options, clock, settings.LoggerFactory,
            settings.Llm, settings.Documents, settings.ChatExports, settings.Exports,
            settings.Embedder);
    }

    /// <summary><c>strata.json</c> in the data directory (optional), then <c>STRATA_</c> environment variables, which win.</summary>
    public static IConfigurationRoot LoadConfiguration(string dataDirectory) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetFullPath(dataDirectory), ConfigurationFileName), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
}

/// <summary>What a host may change about the embedded default.</summary>
public sealed record EmbeddedSettings
{
    public long? MaxUploadBytes { get; init; }

    /// <summary>Configuration to read plans and worker settings from; <see cref="EmbeddedStrata.LoadConfiguration"/> when null.</summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>Wraps the file blob store (a host adding caching, a test making it fail on purpose).</summary>
    public Func<IBlobStore, IBlobStore>? WrapBlobStore { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The document converters (Strata.Formats' <c>DocumentConverters.Default</c>); documents cannot be added when null.</summary>
    public Strata.Core.Documents.IDocumentConversion? Documents { get; init; }

    /// <summary>The model side a host built with <c>Strata.Llm</c> (<c>LlmModels.Create</c>); none (every call answers
    /// LLM_NOT_CONFIGURED) when null.</summary>
    public LlmHost? Llm { get; init; }

    /// <summary>The LLM setup (providers, default model, key sealer) a host built with <c>Strata.Llm</c>; none when null.</summary>
    public Strata.Core.Llm.LlmSetup? LlmSetup { get; init; }

    /// <summary>The chat export readers (Strata.Formats); chat imports are refused when null.</summary>
    public Strata.Core.Imports.IChatExports? ChatExports { get; init; }

    /// <summary>The export writers (Strata.Formats' <c>TableFormats.Default</c>); exports are refused when null.</summary>
    public Strata.Core.Exports.ITableFormats? Exports { get; init; }

    /// <summary>The embedding provider a host built with <c>Strata.Llm</c> (<c>Embeddings:Provider</c>); none when null.</summary>
    public Strata.Core.Recall.Embeddings.IEmbedder? Embedder { get; init; }
}
