namespace Strata.Relational;

/// <summary>A prepared statement whose values are set by the index of their parameter in the names it was made with
/// (<see cref="StoreScope.Positional"/>), then run once.</summary>
internal interface IPositionalStatement
{
    /// <summary>False when the value is of a type this statement does not bind (the caller then binds by name).</summary>
    bool Accepts(object? value);

    void Set(int name, object? value);

    /// <summary>Runs the statement; its rows (if it returns any) are read from the reader, which resets it when disposed.</summary>
    RowBatchReader Run();
}
