namespace Strata.Core.Review;

/// <summary>Blocks of one or more runs by state: waiting (pending), being asked (claimed), answered and waiting for
/// review (staged), reviewed (confirmed), and failed with their raw output.</summary>
public sealed record ReviewCounts(int Pending, int Claimed, int Staged, int Confirmed, int Failed)
{
    public static readonly ReviewCounts Empty = new(0, 0, 0, 0, 0);

    public int Total => Pending + Claimed + Staged + Confirmed + Failed;

    public ReviewCounts Plus(ReviewCounts other) => new(Pending + other.Pending, Claimed + other.Claimed,
        Staged + other.Staged, Confirmed + other.Confirmed, Failed + other.Failed);
}

/// <summary>What review counts are taken over.</summary>
public enum ReviewScope
{
    Run,
    Document,
    Project,
}
