using Microsoft.AspNetCore.Http;
using Strata.Core.Errors;

namespace Strata.Server.Rest;

/// <summary>Query-string arguments, each given at most once.</summary>
internal static class QueryText
{
    public static IEnumerable<KeyValuePair<string, string>> Of(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (values.Count != 1)
            {
                throw StrataException.Validation($"'{name}' is given {values.Count} times in the query: give it once.");
            }
            yield return KeyValuePair.Create(name, values[0] ?? "");
        }
    }
}
