using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Records;

namespace Strata.Formats.Json;

/// <summary>
/// The incremental part of <see cref="JsonRecordReader"/>: fed successive windows of bytes, it finds the records
/// in them and reports how many bytes it consumed. An incomplete record is left in the window for the next call.
/// </summary>
/// <remarks>
/// Shapes: an array of objects; <c>{"entities": [...]}</c>; any other object is one record. The wrapper's array is
/// streamed as it is met, so a wrapper may hold nothing besides <c>entities</c> (it would be lost), and an object
/// whose <c>entity_type</c> comes before <c>entities</c> is one record with an <c>entities</c> field.
/// </remarks>
internal sealed class JsonRecordScanner(RecordReadOptions options)
{
    private const string EntitiesProperty = "entities";
    private const string SingleObjectLocator = "document";

    private enum Stage { Start, ArrayElements, ObjectProperties, WrapperElements, End }

    private readonly RecordBudget _budget = new(options.MaxRecords);
    private readonly Dictionary<string, JsonElement> _objectFields = new(StringComparer.Ordinal);
    private readonly List<TooLongValue> _objectTooLong = [];
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = options.MaxDepth });
    private Stage _stage = Stage.Start;
    private int _index;
    private bool _isWrapper;
    private bool _sawEntityType;
    private string? _objectEntityType;

    /// <summary>True once the document has ended and nothing but whitespace followed it.</summary>
    public bool IsComplete { get; private set; }

    /// <returns>The number of bytes consumed from <paramref name="window"/>.</returns>
    public int Scan(ReadOnlySpan<byte> window, bool isFinalBlock, List<ExtractedRecord> found)
    {
        var reader = new Utf8JsonReader(window, isFinalBlock, _state);
        try
        {
            while (Step(ref reader, found))
            {
            }
        }
        catch (JsonException exception)
        {
            throw InvalidJson.At(exception);
        }
        catch (InvalidOperationException)
        {
            // A property name with a lone surrogate or bytes that are not UTF-8: the reader will not decode it.
            throw StrataException.Malformed("The JSON has a property name at the top level that is not valid Unicode " +
                "(a lone surrogate such as \\ud800, or bytes that are not UTF-8).");
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <returns>False when the window holds no further complete step.</returns>
    private bool Step(ref Utf8JsonReader reader, List<ExtractedRecord> found)
    {
        switch (_stage)
        {
            case Stage.Start:
                return ReadDocumentStart(ref reader);
            case Stage.ArrayElements:
            case Stage.WrapperElements:
                return ReadElement(ref reader, found);
            case Stage.ObjectProperties:
                return ReadObjectProperty(ref reader, found);
            default:
                // Read throws on anything but whitespace after the document; at the end of input it returns false.
                if (!reader.Read() && reader.IsFinalBlock)
                {
                    IsComplete = true;
                }
                return false;
        }
    }

    private bool ReadDocumentStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        _stage = reader.TokenType switch
        {
            JsonTokenType.StartArray => Stage.ArrayElements,
            JsonTokenType.StartObject => Stage.ObjectProperties,
            _ => throw StrataException.Malformed(
                $"The JSON document is {JsonKinds.Describe(reader.TokenType)}; expected an object or an array of objects."),
        };
        return true;
    }

    private bool ReadElement(ref Utf8JsonReader reader, List<ExtractedRecord> found)
    {
        var checkpoint = reader;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            _stage = _stage == Stage.ArrayElements ? Stage.End : Stage.ObjectProperties;
            return true;
        }

        var where = _isWrapper ? $"element {_index} of 'entities'" : $"element {_index} of the array";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw StrataException.Malformed(
                $"The JSON {where} is {JsonKinds.Describe(reader.TokenType)}; every element must be an object.");
        }

        if (!JsonDocument.TryParseValue(ref reader, out var document))
        {
            reader = checkpoint;
            return false;
        }

        using (document)
        {
            _budget.Take();
            found.Add(JsonObjectRecord.From(document.RootElement.Clone(), $"index:{_index}", where));
        }
        _index++;
        return true;
    }

    private bool ReadObjectProperty(ref Utf8JsonReader reader, List<ExtractedRecord> found)
    {
        var checkpoint = reader;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            if (!_isWrapper)
            {
                _budget.Take();
                found.Add(new ExtractedRecord(_objectEntityType, new Dictionary<string, JsonElement>(_objectFields), SingleObjectLocator)
                {
                    TooLong = [.. _objectTooLong],
                });
            }
            _stage = Stage.End;
            return true;
        }

        var name = reader.GetString()!;
        if (!reader.Read())
        {
            reader = checkpoint;
            return false;
        }

        if (_isWrapper)
        {
            throw WrapperSibling(name);
        }

        if (name == EntitiesProperty && reader.TokenType == JsonTokenType.StartArray && !_sawEntityType)
        {
            if (_objectFields.Count > 0)
            {
                throw WrapperSibling(_objectFields.Keys.First());
            }
            _isWrapper = true;
            _stage = Stage.WrapperElements;
            return true;
        }

        if (!JsonDocument.TryParseValue(ref reader, out var document))
        {
            reader = checkpoint;
            return false;
        }

        using (document)
        {
            AddObjectProperty(name, document.RootElement.Clone());
        }
        return true;
    }

    private void AddObjectProperty(string name, JsonElement value)
    {
        const string where = "the top level";
        if (OverlongStrings.Of(name, value) is { } cut)
        {
            _objectTooLong.Add(cut);
        }
        else if (name == JsonObjectRecord.EntityTypeProperty)
        {
            if (_sawEntityType)
            {
                throw JsonObjectRecord.DuplicateProperty(name, where);
            }
            _sawEntityType = true;
            _objectEntityType = JsonObjectRecord.EntityTypeOf(value, "the top-level object");
        }
        else if (!_objectFields.TryAdd(name, value))
        {
            throw JsonObjectRecord.DuplicateProperty(name, where);
        }
    }

    private static StrataException WrapperSibling(string name) => StrataException.Malformed(
        $"The top-level object has an 'entities' array and also '{name}'. A {{\"entities\": [...]}} wrapper may hold " +
        "nothing else, since it would be lost; to read the object as one record, give it an 'entity_type' before 'entities'.");
}
