namespace Strata.Core.Users;

public sealed record User(string Id, string Name, string Plan, DateTimeOffset CreatedAt, bool HasApiKey);

public static class Plans
{
    public const string Free = "free";
    public const string Pro = "pro";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Free, Pro, Enterprise };
}
