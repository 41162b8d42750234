using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.Formats;
using Strata.Server.Tests.Infrastructure;
using Strata.Sqlite;

namespace Strata.Server.Tests.Hosting;

/// <summary>The real server on a free loopback port with host options and logging a test chooses (what <c>strata serve</c>
/// sets from its flags), over SQLite in a temp folder. No worker loops: these tests are about HTTP, not jobs.</summary>
public sealed class ConfiguredServer : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private ConfiguredServer(TempDirectory data, WebApplication app, string apiKey, Uri baseAddress)
    {
        _data = data;
        App = app;
        ApiKey = apiKey;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>The key of a user "alice", made at start.</summary>
    public string ApiKey { get; }

    public Uri BaseAddress { get; }

    public static async Task<ConfiguredServer> StartAsync(StrataHostOptions? options = null, Action<ILoggingBuilder>? logging = null)
    {
        var data = new TempDirectory();
        var services = EmbeddedStrata.Open(data.Path, [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            Configuration = new ConfigurationBuilder().Build(),
        });
        var app = StrataHost.Build(services, (options ?? new StrataHostOptions()) with { Urls = "http://127.0.0.1:0", RunWorker = false },
            logging ?? (builder => builder.ClearProviders()));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var key = (await services.Users.CreateAsync("alice", null, CancellationToken.None)).ApiKey;
        return new ConfiguredServer(data, app, key, new Uri(address));
    }

    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
