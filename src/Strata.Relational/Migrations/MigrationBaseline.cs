namespace Strata.Relational.Migrations;

/// <summary>
/// The schema the migrations through <see cref="Through"/> make, as one script: a new, empty database runs it in one
/// transaction instead of replaying each migration (each one's statements, table rebuilds and commit), then applies any
/// later migration as usual. It never applies to a database that holds anything: an older store replays its migrations.
/// </summary>
/// <param name="Through">The version of the last migration the script includes.</param>
/// <param name="Script">The statements.</param>
/// <param name="HoldsNothing">A query counting what the database holds besides <c>schema_migrations</c>: the script
/// runs only when it answers 0, asked under the write lock (another process may have migrated the file meanwhile).</param>
internal sealed record MigrationBaseline(long Through, string Script, string HoldsNothing);
