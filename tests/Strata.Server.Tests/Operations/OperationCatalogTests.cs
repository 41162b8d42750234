using Strata.Server.Mcp;
using Strata.Server.Operations;
using Strata.Server.Rest;

namespace Strata.Server.Tests.Operations;

public sealed class OperationCatalogTests
{
    [Fact]
    public void Every_operation_has_its_own_name_and_every_route_its_own_method_and_pattern()
    {
        var all = OperationCatalog.All(localFiles: null);

        Assert.Equal(all.Count, all.Select(o => o.Name).Distinct().Count());
        Assert.Equal(RestApi.Routes.Count, RestApi.Routes.Select(r => $"{r.Method} {r.Pattern}").Distinct().Count());
    }

    [Fact]
    public void The_REST_routes_are_the_routes_the_operations_declare()
    {
        var declared = OperationCatalog.All(localFiles: null).Where(o => o.Route is not null).Select(o => $"{o.Route!.Method} {o.Route.Pattern} {o.Name}");

        Assert.Equal(declared.Order(), RestApi.Routes.Select(r => $"{r.Method} {r.Pattern} {r.Operation.Name}").Order());
        Assert.Contains(RestApi.Routes, r => r is { Method: "GET", Pattern: "/v1/sources/{source_id}" } && r.Operation.Name == "get_source");
        Assert.Contains(RestApi.Routes, r => r is { Method: "POST", Pattern: "/v1/imports" } && r.Operation.Name == "import_chat");
    }

    [Fact]
    public void A_routes_path_parameters_are_arguments_of_its_operation()
    {
        foreach (var route in RestApi.Routes.Concat(RestApi.Retired.Select(r => r.Route)))
        {
            foreach (var name in route.PathParameters)
            {
                Assert.True(route.Operation.Parameters.Any(p => p.Name == name), $"{route.Method} {route.Pattern}: {route.Operation.Name} has no argument {name}.");
            }
        }
    }

    [Fact]
    public void Reads_take_the_query_string_and_writes_a_body()
    {
        Assert.All(RestApi.Routes, r => Assert.Equal(r.Method is "GET" or "DELETE" ? ArgumentSource.Query : ArgumentSource.Body, r.Source));
    }

    [Fact]
    public void The_tools_are_the_operations_not_kept_for_REST_alone_and_a_local_server_offers_the_same_ones()
    {
        var local = new AllowedRoot(Path.GetTempPath());

        var tools = OperationCatalog.Tools(localFiles: null).Select(t => t.Name).ToList();

        Assert.Equal(tools, OperationCatalog.Tools(local).Select(t => t.Name));
        Assert.DoesNotContain("get_source", tools);
        Assert.DoesNotContain("get_schema", tools);
        Assert.Equal("ingest", tools[0]);
        Assert.Contains("path", OperationCatalog.Tools(local)[0].Parameters.Select(p => p.Name));
        Assert.DoesNotContain("path", OperationCatalog.Tools(null)[0].Parameters.Select(p => p.Name));
    }

    [Fact]
    public void The_server_instructions_name_every_tool_with_its_title()
    {
        foreach (var tool in OperationCatalog.Tools(localFiles: null))
        {
            Assert.Contains($"- {tool.Name}: {tool.Title}\n", StrataMcpServer.Instructions + "\n");
        }
    }
}
