using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// Behind the reverse proxy: X-Forwarded-Proto/-For count only from a configured proxy; then every cookie is
/// Secure, HSTS is sent and each client has its own rate-limit budget.
/// </summary>
public sealed class ProxyAndCookieTests(AppFixture app) : IntegrationTest(app)
{
    private const string Proxy = "10.0.0.5";

    private WebApplicationFactory<Program> BehindProxy() =>
        App.Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = Proxy,
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerMinute"] = "2",
        })));

    private static Task<HttpContext> SendAsync(WebApplicationFactory<Program> factory, string from, string path, string? forwardedFor = "198.51.100.20", string method = "GET") =>
        factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Request.Host = new HostString("desk.example.be");
            c.Request.Scheme = "http";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            if (forwardedFor is not null)
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });

    private static IReadOnlyList<string> Cookies(HttpContext context) => context.Response.Headers.SetCookie.Select(v => v ?? "").ToList();

    [Fact]
    public async Task Should_mark_every_cookie_secure_and_send_hsts_when_the_known_proxy_forwarded_https()
    {
        using var factory = BehindProxy();

        var login = await SendAsync(factory, Proxy, "/Account/Login");
        var language = await SendAsync(factory, Proxy, "/Language", method: "GET");

        var cookies = Cookies(login).Concat(Cookies(language)).ToList();
        Assert.Contains(cookies, c => c.StartsWith("pd.af=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(login.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Should_ignore_forwarded_headers_from_an_address_that_is_not_a_known_proxy()
    {
        using var factory = BehindProxy();

        var login = await SendAsync(factory, "10.0.0.6", "/Account/Login");

        var antiforgery = Assert.Single(Cookies(login), c => c.StartsWith("pd.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.False(login.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Should_give_each_client_behind_the_proxy_its_own_rate_limit()
    {
        using var factory = BehindProxy();
        const string status = "/Requests/Status";

        for (var i = 0; i < 2; i++)
            await SendAsync(factory, Proxy, status, "198.51.100.30");
        var limited = await SendAsync(factory, Proxy, status, "198.51.100.30");
        var other = await SendAsync(factory, Proxy, status, "198.51.100.31");

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, other.Response.StatusCode);
    }

    [Fact]
    public async Task Should_not_let_a_client_pick_its_own_bucket_without_a_known_proxy()
    {
        using var factory = BehindProxy();

        for (var i = 0; i < 2; i++)
            await SendAsync(factory, "192.0.2.44", "/Requests/Status", "198.51.100." + i);
        var spoofed = await SendAsync(factory, "192.0.2.44", "/Requests/Status", "198.51.100.99");

        Assert.Equal(StatusCodes.Status429TooManyRequests, spoofed.Response.StatusCode);
    }
}
