using Strata.Core.MemoryServer;
using Strata.Core.Snapshots;

namespace Strata.Core.Entities;

/// <summary>An entity to insert with the snapshot its first observation gives it, and the text it is searched by.</summary>
public sealed record NewEntity(Entity Entity, Snapshot FirstSnapshot, string SearchText, string? MemoryText = null,
    MemoryEntityState? MemoryState = null);
