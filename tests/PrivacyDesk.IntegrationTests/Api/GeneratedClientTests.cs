using System.Net;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// The C# client an integrator generates: Kiota (a dotnet local tool, .config/dotnet-tools.json, restored by
/// scripts/test.sh) is run on the live /openapi/v1.json, and what it writes must equal the committed client in
/// samples/PrivacyDesk.ApiClient/Generated, which the test project compiles and drives through docs/api.md's
/// worked example (<see cref="GeneratedClientWorkedExampleTests"/>). After an API change, regenerate with
/// PRIVACYDESK_UPDATE_CLIENT=1 and this test.
/// </summary>
public sealed class GeneratedClientTests(AppFixture app) : ApiTest(app)
{
    public const string ClientClass = "PrivacyDeskClient";
    public const string ClientNamespace = "PrivacyDesk.ApiClient";

    [Fact]
    public async Task Should_generate_the_committed_client_from_the_live_document_with_kiota()
    {
        var response = await AnonymousClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = OpenApiLintTests.RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "privacydesk-kiota-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var document = Path.Combine(work, "openapi-v1.json");
            await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
            var output = Path.Combine(work, "Generated");
            var (exit, log) = await OpenApiLintTests.RunAsync("dotnet",
                ["tool", "run", "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", output,
                 "--class-name", ClientClass, "--namespace-name", ClientNamespace, "--exclude-backward-compatible", "--log-level", "Warning", "--clean-output"],
                root, new Dictionary<string, string> { ["KIOTA_TUTORIAL_ENABLED"] = "false", ["KIOTA_OFFLINE_ENABLED"] = "true", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
            Assert.True(exit == 0, $"kiota generate failed (exit {exit}); is the tool restored (dotnet tool restore)?\n{log}");

            var committed = Path.Combine(root, "samples", "PrivacyDesk.ApiClient", "Generated");
            var generated = Files(output);
            Assert.True(generated.Count > 20, $"Kiota wrote only {generated.Count} files:\n{log}");
            if (Environment.GetEnvironmentVariable("PRIVACYDESK_UPDATE_CLIENT") == "1")
            {
                if (Directory.Exists(committed))
                    Directory.Delete(committed, recursive: true);
                foreach (var (relative, text) in generated)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(committed, relative))!);
                    await File.WriteAllTextAsync(Path.Combine(committed, relative), text);
                }
            }
            // The document it was generated from is committed beside it, for review and for other generators.
            var committedDocument = Path.Combine(root, "samples", "PrivacyDesk.ApiClient", "openapi-v1.json");
            var liveDocument = (await File.ReadAllTextAsync(document)).ReplaceLineEndings("\n");
            if (Environment.GetEnvironmentVariable("PRIVACYDESK_UPDATE_CLIENT") == "1")
                await File.WriteAllTextAsync(committedDocument, liveDocument);
            Assert.True(File.Exists(committedDocument) && (await File.ReadAllTextAsync(committedDocument)).ReplaceLineEndings("\n") == liveDocument,
                "samples/PrivacyDesk.ApiClient/openapi-v1.json differs from the live document (regenerate with PRIVACYDESK_UPDATE_CLIENT=1)");
            var current = Files(committed);
            var stale = generated.Where(g => !current.TryGetValue(g.Key, out var text) || text != g.Value).Select(g => g.Key)
                .Concat(current.Keys.Where(k => !generated.ContainsKey(k)))
                .ToList();
            Assert.True(stale.Count == 0,
                "samples/PrivacyDesk.ApiClient/Generated differs from what Kiota generates from the live document (regenerate with PRIVACYDESK_UPDATE_CLIENT=1): "
                + string.Join(", ", stale.Take(20)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The generated C# files by relative path (kiota-lock.json names the temporary input and is left out).</summary>
    private static Dictionary<string, string> Files(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);
}
