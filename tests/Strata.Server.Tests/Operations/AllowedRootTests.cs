using Strata.Core.Errors;
using Strata.Server.Operations;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Operations;

public sealed class AllowedRootTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _root;
    private readonly string _outside;

    public AllowedRootTests()
    {
        _root = _temp.Combine("root");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(Path.Combine(_root, "inner"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "inner", "inside.csv"), "a,b\n1,2\n");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "not for agents");
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("inner/inside.csv")]
    [InlineData("./inner/../inner/inside.csv")]
    public void A_relative_path_inside_the_root_opens(string path)
    {
        using var file = new AllowedRoot(_root).OpenRead(path);

        Assert.Equal(8, file.Length);
    }

    [Fact]
    public void An_absolute_path_inside_the_root_opens()
    {
        using var file = new AllowedRoot(_root).OpenRead(Path.Combine(_root, "inner", "inside.csv"));

        Assert.Equal(8, file.Length);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("inner/../../outside/secret.txt")]
    public void A_path_that_climbs_out_of_the_root_is_refused(string path)
    {
        var refusal = Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead(path));

        Assert.Equal("VALIDATION_FAILED", refusal.Code);
        Assert.Contains("outside the folder", refusal.Message);
    }

    [Fact]
    public void An_absolute_path_elsewhere_is_refused()
    {
        var refusal = Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead(Path.Combine(_outside, "secret.txt")));

        Assert.Contains("outside the folder", refusal.Message);
    }

    [Fact]
    public void A_root_that_is_a_prefix_of_a_sibling_does_not_admit_the_sibling()
    {
        var sibling = _root + "-sibling";
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "x.txt"), "x");

        Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead(Path.Combine(sibling, "x.txt")));
    }

    [Fact]
    public void A_link_inside_the_root_to_a_file_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.txt"), Path.Combine(_outside, "secret.txt"));

        var refusal = Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead("link.txt"));

        Assert.Contains("outside the folder", refusal.Message);
    }

    [Fact]
    public void A_linked_folder_leading_outside_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);

        Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead("escape/secret.txt"));
    }

    [Fact]
    public void A_link_that_stays_inside_the_root_opens()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "alias.csv"), Path.Combine("inner", "inside.csv"));

        using var file = new AllowedRoot(_root).OpenRead("alias.csv");

        Assert.Equal(8, file.Length);
    }

    [Fact]
    public void A_missing_file_inside_the_root_is_a_clear_refusal()
    {
        var refusal = Assert.Throws<StrataException>(() => new AllowedRoot(_root).OpenRead("inner/missing.csv"));

        Assert.Contains("No file", refusal.Message);
    }
}
