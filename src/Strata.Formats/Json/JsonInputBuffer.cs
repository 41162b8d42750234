namespace Strata.Formats.Json;

/// <summary>
/// A window of not-yet-parsed bytes over a (possibly non-seekable) stream. It only grows when a single
/// token or record does not fit, so memory follows the largest record, not the size of the input.
/// </summary>
internal sealed class JsonInputBuffer(Stream content)
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private byte[] _bytes = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _bomChecked;

    public bool IsFinal { get; private set; }

    public ReadOnlySpan<byte> Unread => _bytes.AsSpan(_start, _end - _start);

    public void Advance(int count) => _start += count;

    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (IsFinal)
        {
            return;
        }

        MakeRoom();
        do
        {
            var read = await content.ReadAsync(_bytes.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                IsFinal = true;
            }
            _end += read;
        }
        // Utf8JsonReader rejects a BOM, so the first fill waits for enough bytes to recognise and skip one.
        while (!_bomChecked && !IsFinal && _end - _start < Utf8Bom.Length);

        if (!_bomChecked)
        {
            _bomChecked = true;
            if (Unread.StartsWith(Utf8Bom))
            {
                _start += Utf8Bom.Length;
            }
        }
    }

    private void MakeRoom()
    {
        var unread = _end - _start;
        if (unread == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }
        else if (_start > 0)
        {
            _bytes.AsSpan(_start, unread).CopyTo(_bytes);
        }
        _start = 0;
        _end = unread;
    }
}
