namespace Strata.Core.Memory.Sections;

/// <summary>Opens after a number of failures in a row; a success closes the count again. Once open it stays open: a
/// generation that keeps failing stops calling the model instead of spending the budget on it.</summary>
internal sealed class CircuitBreaker(int threshold)
{
    private int _failuresInARow;

    public bool IsOpen { get; private set; }

    public string? LastError { get; private set; }

    public void Succeeded() => _failuresInARow = 0;

    public void Failed(string error)
    {
        LastError = error;
        if (++_failuresInARow >= threshold) IsOpen = true;
    }
}
