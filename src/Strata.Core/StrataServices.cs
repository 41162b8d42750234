using Strata.Core.Entities;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Queries;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Users;

namespace Strata.Core;

/// <summary>Every operation, one service method each. CLI, REST and MCP call these and nothing else.</summary>
public sealed class StrataServices(
    IStrataStore store,
    IBlobStore blobs,
    IEnumerable<IInterpreter> interpreters,
    StrataOptions options,
    TimeProvider clock)
{
    private readonly InterpretationRunner _runner = new(interpreters, blobs, clock);

    public IStrataStore Store => store;

    public IBlobStore Blobs => blobs;

    public StrataOptions Options => options;

    public IngestService Ingest => field ??= new IngestService(store, blobs, _runner, options, clock);

    public StructuredWriteService Structured => field ??= new StructuredWriteService(store, blobs, options, clock);

    public CorrectionService Corrections => field ??= new CorrectionService(store, clock);

    public MergeService Merges => field ??= new MergeService(store, clock);

    public EntityQueries Entities => field ??= new EntityQueries(store);

    public SourceQueries Sources => field ??= new SourceQueries(store);

    public SchemaService Schemas => field ??= new SchemaService(store, clock);

    public UserService Users => field ??= new UserService(store.Users, clock);
}
