using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Browser journeys: the app on a real Kestrel port (same database and clock as the in-process
/// factory) driven by the machine's Chromium through Playwright (never "playwright install").
/// Screenshots go to TestResults/screenshots at the repository root.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private WebApplicationFactory<Program>? _server;
    private IPlaywright? _playwright;
    private readonly Dictionary<string, IBrowser> _browsers = new(StringComparer.Ordinal);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public static async Task<BrowserHost> StartAsync(AppFixture app)
    {
        var host = new BrowserHost();
        // UseKestrel(0) alone leaves Kestrel on its default http://localhost:5000, which another test run on the same
        // machine may hold: listen on an explicit free loopback port.
        var port = FreePort();
        host._server = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.ConfigureKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
            b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(app.Clock));
        });
        host._server.UseKestrel();
        host._server.StartServer();
        host.BaseUrl = $"http://127.0.0.1:{port}";
        host._playwright = await Playwright.CreateAsync();
        host.Browser = await host.LaunchAsync("nl-BE");
        Directory.CreateDirectory(ScreenshotDirectory);
        return host;
    }

    /// <summary>
    /// The browser locale of a page language: native controls (an &lt;input type=date&gt; shows dd/mm/yyyy in all three)
    /// and the Accept-Language header then match the page, as on a Belgian colleague's machine.
    /// </summary>
    public static string Locale(string language) => language switch { "fr" => "fr-BE", "en" => "en-GB", _ => "nl-BE" };

    /// <summary>
    /// One Chromium per locale: on Linux the browser takes the format of its native controls (the date field) from
    /// the process's LANGUAGE, not from the context's locale, so a French page gets a browser started in fr_BE.
    /// </summary>
    private async Task<IBrowser> LaunchAsync(string locale)
    {
        if (_browsers.TryGetValue(locale, out var running))
            return running;
        // Playwright hands the browser exactly this environment: the test process's own, plus the language.
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        environment["LANGUAGE"] = locale.Replace('-', '_');
        var browser = await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            Env = environment,
        });
        _browsers[locale] = browser;
        return browser;
    }

    /// <summary>A fresh browser context (own cookies) on a phone-or-laptop sized viewport.</summary>
    public async Task<IPage> NewPageAsync(string locale = "nl-BE", int width = 1280, int height = 900)
    {
        var browser = await LaunchAsync(locale);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// Runs axe-core (from npm, tests/PrivacyDesk.IntegrationTests/node_modules) in the page and returns the
    /// serious and critical violations. Evaluated through DevTools, so the page's CSP stays as it is.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeSeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath()));
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')));
            }
            """);
        return System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }

    private static string AxePath()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "PrivacyDesk.IntegrationTests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is missing: run 'npm ci' in tests/PrivacyDesk.IntegrationTests (scripts/test.sh does).", path);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PrivacyDesk.sln not found above the test binaries.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
            await browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
