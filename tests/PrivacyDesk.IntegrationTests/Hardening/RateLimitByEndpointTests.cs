using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// The limit follows the page routing chose, not the path string: every spelling that routes to a limited
/// page (trailing slash, other casing) draws on the same per-address budget. ("/Requests/New/." reaches the app as
/// "/Requests/New/": Kestrel removes dot segments before routing, so the trailing-slash case covers it.)
/// </summary>
public sealed class RateLimitByEndpointTests(AppFixture app) : IntegrationTest(app)
{
    private const int Permits = 3;

    public static TheoryData<string, string[]> Variants() => new()
    {
        { "POST", ["/Requests/New", "/Requests/New/", "/Requests/new/", "/requests/NEW"] },
        { "POST", ["/Requests/Find", "/Requests/Find/", "/Requests/find/", "/REQUESTS/find"] },
        { "GET", ["/Requests/Status", "/Requests/Status/", "/Requests/status/", "/requests/status"] },
        { "GET", ["/Requests/Verify", "/Requests/Verify/", "/Requests/verify/", "/requests/verify"] },
        { "GET", ["/Requests/Download", "/Requests/Download/", "/Requests/download/", "/requests/download"] },
        { "POST", ["/Account/Login", "/Account/Login/", "/account/login/", "/account/LOGIN"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Should_count_every_path_variant_of_a_limited_page_against_one_budget(string method, string[] paths)
    {
        using var factory = LimitedApp();
        var passed = 0;
        var limited = 0;
        var seen = new List<string>();
        foreach (var path in paths)
        {
            for (var i = 0; i < Permits; i++)
            {
                // Sent as a raw path, exactly as the server hands it to the app.
                var ctx = await factory.Server.SendAsync(c =>
                {
                    c.Request.Method = method;
                    c.Request.Path = path;
                    c.Request.QueryString = new QueryString("?r=PD-2026-000001&t=x");
                    c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                });
                seen.Add($"{path} {ctx.Response.StatusCode}");
                if (ctx.Response.StatusCode == StatusCodes.Status429TooManyRequests)
                    limited++;
                else
                    passed++;
            }
        }

        Assert.True(passed <= Permits, $"{passed} of {paths.Length * Permits} requests to {paths[0]} got past a limit of {Permits}: {string.Join(", ", seen)}");
        Assert.Equal(paths.Length * Permits - passed, limited);
    }

    [Fact]
    public async Task Should_leave_reading_the_form_and_other_addresses_unlimited()
    {
        using var factory = LimitedApp();
        for (var i = 0; i < Permits + 2; i++)
            Assert.Equal(StatusCodes.Status200OK, (await Send(factory, "GET", "/Requests/New/", "203.0.113.8")).Response.StatusCode);
        for (var i = 0; i < Permits; i++)
            await Send(factory, "POST", "/Requests/New", "203.0.113.8");
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await Send(factory, "POST", "/Requests/New/", "203.0.113.8")).Response.StatusCode);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, (await Send(factory, "POST", "/Requests/New/", "203.0.113.9")).Response.StatusCode);
    }

    private WebApplicationFactory<Program> LimitedApp() =>
        App.Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:LoginPermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })));

    private static Task<HttpContext> Send(WebApplicationFactory<Program> factory, string method, string path, string ip) =>
        factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });
}
