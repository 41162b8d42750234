using System.Text;
using Strata.Core.Errors;
using Strata.Core.Evidence;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Relations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Agent;

/// <summary>
/// <c>submit_interpretation</c>: the calling agent as interpreter. Its entities become a new, immutable run of the
/// source (interpreter <c>agent</c>; the agent's name and model in the config) written exactly as the rules
/// interpreter's are: the same shaping, raw fragments for values the schema does not take, identity rules and
/// observations at interpretation priority. Every record is shaped before the first is written, so a refused
/// submission changes nothing; a long one commits in slices, like a structured write. Its relations (each end an entity
/// id or an index into its entities) are written by the same run in the transaction of its last slice, at interpretation
/// priority, so they complete with the run or not at all.
/// </summary>
public sealed class AgentInterpretationService(IStrataStore store, IBlobStore blobs, StrataOptions options, TimeProvider clock)
{
    public const string InterpreterName = "agent";
    public const string InterpreterVersion = "1";
    private const int MaxNameLength = 200;

    /// <summary>Sources longer than this are not searched for quotes (their evidence is reported not found).</summary>
    public const long MaxEvidenceSourceBytes = 32L * 1024 * 1024;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { AgentEvidence.Property };

    public async Task<AgentInterpretationResult> SubmitAsync(string userId, AgentInterpretationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var parsed = request.Entities
            .Select((entity, index) => (Record: StructuredEntities.ToRecord(entity, index, options.Limits.MaxValueBytes, Reserved), Quotes: AgentEvidence.Read(entity, index)))
            .ToList();
        var relations = StructuredRelations.Parse(request.Relations, request.Entities.Count);

        Source source;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            source = await read.Sources.GetAsync(request.SourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {request.SourceId}.");
        }
        var locator = parsed.Any(p => p.Quotes.Count > 0) ? await LocatorOfAsync(source, cancellationToken) : null;
        var evidence = new List<EvidenceResult>();
        var records = new List<ExtractedRecord>(parsed.Count);
        for (var index = 0; index < parsed.Count; index++)
        {
            var located = parsed[index].Quotes.Select(q => AgentEvidence.Locate(locator, index, q.Field, q.Quote)).ToList();
            evidence.AddRange(located);
            records.Add(parsed[index].Record with { Locator = AgentEvidence.Locator(index, located) });
        }

        var now = clock.GetUtcNow();
        var configJson = RunConfig.Serialize(new Dictionary<string, string?>
        {
            ["agent"] = request.Agent,
            ["model"] = request.Model,
            ["mime_type"] = source.MimeType,
        });
        var run = new Run(StrataIds.NewRun(), userId, source.Id, InterpreterName, InterpreterVersion, configJson, Sha256Hex.Of(configJson),
            RunStatuses.Running, 0, 0, 0, null, now, now, null, now);

        StructuredRun writing;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            // Checked again inside the write: the source is immutable, but this keeps the run from naming a missing one.
            _ = await session.Sources.GetAsync(source.Id, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {request.SourceId}.");
            var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
            foreach (var record in records)
            {
                _ = RecordShaper.Shape(record, null, catalog);
            }
            await StructuredRelations.CheckNamedEndsAsync(session, relations, cancellationToken);
            await RunLedger.OpenAsync(session, run, cancellationToken);
            var context = new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation, null, now,
                options.Limits.MaxValueBytes);
            var shaped = records.Select(record => ObservationWriter.Shape(record, catalog, context)).ToList();
            writing = new StructuredRun(run, null, source, shaped, catalog, context, options.Limits, clock) { Relations = relations };
            await writing.WriteSliceAsync(session, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        while (!writing.Done)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            await writing.WriteSliceAsync(session, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        var stored = writing.Result();
        return new AgentInterpretationResult(source.Id, run.Id, InterpreterName, request.Agent, request.Model, stored.Entities,
            stored.UnknownFieldsCount, evidence) { Relations = stored.Relations };
    }

    /// <summary>The source's text for finding quotes; null (every quote then not found) when it is not UTF-8 text, too
    /// large to search, or its bytes are not in the blob store yet.</summary>
    private async Task<EvidenceLocator?> LocatorOfAsync(Source source, CancellationToken cancellationToken)
    {
        if (source.ByteSize > MaxEvidenceSourceBytes) return null;
        try
        {
            await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
            using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return new EvidenceLocator(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (Exception failure) when (failure is DecoderFallbackException or FileNotFoundException)
        {
            return null;
        }
    }

    private void Validate(AgentInterpretationRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.SourceId)) throw StrataException.Validation("source_id is required (src_...).");
        if (string.IsNullOrWhiteSpace(request.Agent) || request.Agent.Length > MaxNameLength)
        {
            throw StrataException.Validation($"interpreter must name the agent that read the source (e.g. claude-code), at most {MaxNameLength} characters.");
        }
        if (request.Model is { Length: > MaxNameLength }) throw StrataException.Validation($"model must be at most {MaxNameLength} characters.");
        if (request.Entities.Count == 0) throw StrataException.Validation("entities must hold at least one entity.");
        if (request.Entities.Count > options.MaxStructuredEntities)
        {
            throw StrataException.Validation($"{request.Entities.Count} entities is more than the limit of {options.MaxStructuredEntities} per call; submit them in several interpretations.");
        }
    }
}
