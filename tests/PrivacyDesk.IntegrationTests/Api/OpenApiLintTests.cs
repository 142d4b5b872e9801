using System.Diagnostics;
using System.Net;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// The served /openapi/v1.json linted by Redocly CLI (npm, installed by scripts/test.sh) with the rules of
/// tests/PrivacyDesk.IntegrationTests/redocly.yaml: any error fails the test.
/// </summary>
public sealed class OpenApiLintTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_lint_the_served_openapi_document_with_zero_errors()
    {
        var response = await AnonymousClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var project = Path.Combine(RepositoryRoot(), "tests", "PrivacyDesk.IntegrationTests");
        var redocly = Path.Combine(project, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(redocly), $"Redocly CLI is not installed: run npm ci in {project} (scripts/test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"privacydesk-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        try
        {
            var (exit, output) = await RunAsync("node", [redocly, "lint", file, "--config", Path.Combine(project, "redocly.yaml"), "--format", "stylish"], project);
            Assert.True(exit == 0, $"redocly lint found errors (exit {exit}):\n{output}");
            Assert.Contains("valid", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static async Task<(int Exit, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // No telemetry or update checks: the tests reach nothing outside this machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PrivacyDesk.sln not found above the test binaries.");
    }
}
