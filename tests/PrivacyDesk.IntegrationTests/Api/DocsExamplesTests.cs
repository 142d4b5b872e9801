using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// Runs the worked examples of docs/api.md: every ```sh block with a curl command is sent through the
/// test client as written, and its "# expect:", "# check:" and "# save:" lines are enforced.
/// </summary>
public sealed partial class DocsExamplesTests(AppFixture app) : ApiTest(app)
{
    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex("\\$([A-Z_]+)")]
    private static partial Regex Variable();

    [Fact]
    public async Task Should_run_every_worked_example_of_docs_api_md()
    {
        var root = RepositoryRoot();
        var markdown = (await File.ReadAllTextAsync(Path.Combine(root, "docs", "api.md"))).ReplaceLineEndings("\n");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PD"] = "" };
        foreach (var (name, role) in new[] { ("ADMIN_KEY", Roles.Admin), ("ATS_KEY", Roles.Intake), ("MAILROOM_KEY", Roles.Intake), ("DPO_KEY", Roles.Dpo), ("BACKOFFICE_KEY", Roles.BackOffice) })
            variables[name] = (await App.SendAsync(new CreateApiKey.Command { Name = name, Role = role }, Roles.Admin)).Key;
        // A contract of its own: which operations these examples reach is counted apart from the other tests.
        var contract = new OpenApiContract((await OpenApiContracts.ForAsync(App)).Document);
        var client = App.Factory.CreateDefaultClient(new Uri("http://localhost"), new ContractCheckingHandler(() => Task.FromResult(contract)));

        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ran = 0;
        foreach (Match block in ShellBlock().Matches(markdown))
        {
            var lines = block.Groups[1].Value.Split('\n');
            if (!lines.Any(l => l.StartsWith("curl ", StringComparison.Ordinal)))
                continue;
            var example = Parse(lines);
            // "# for-each: NAME" sends the request once per value a "# save-each:" collected, with $NAME set to it.
            List<string?> rounds = example.ForEach is null
                ? [null]
                : [.. lists.GetValueOrDefault(example.ForEach) ?? throw new InvalidOperationException($"docs/api.md: nothing saved as {example.ForEach}")];
            Assert.NotEmpty(rounds);
            foreach (var value in rounds)
            {
                if (value is not null)
                    variables[example.ForEach!] = value;
                using var message = Build(example, variables, root);
                var response = await client.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                var where = $"docs/api.md example {ran + 1} ({example.Command[..Math.Min(60, example.Command.Length)]}…)";
                Assert.True(example.Expect == (int)response.StatusCode, $"{where}: expected {example.Expect}, got {(int)response.StatusCode}: {text}");
                var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true ? JsonNode.Parse(text) : null;
                foreach (var (path, expected) in example.Checks)
                {
                    var actual = Select(json, path);
                    var want = Substitute(expected, variables);
                    var got = Text(actual);
                    Assert.True(want == got, $"{where}: {path} should be {want}, is {got}");
                }
                foreach (var (path, name) in example.Saves)
                    variables[name] = Select(json, path) is { } node ? Text(node) : throw new InvalidOperationException($"{where}: nothing at {path} to save");
                foreach (var (field, name, unlessField, unlessValue) in example.SaveEach)
                {
                    lists[name] = (json as JsonArray ?? throw new InvalidOperationException($"{where}: save-each needs a JSON array"))
                        .Where(item => unlessField is null || Text(Select(item, unlessField)) != unlessValue)
                        .Select(item => Text(Select(item, field)))
                        .ToList();
                }
            }
            ran++;
        }
        Assert.True(ran >= 20, $"Only {ran} curl examples found in docs/api.md.");
        // docs/api.md shows every operation of the OpenAPI document at work, and each answer kept its schema.
        var notShown = contract.OperationIds.Where(id => !contract.Seen.ContainsKey(id)).ToList();
        Assert.True(notShown.Count == 0, "Operations with no worked example in docs/api.md: " + string.Join(", ", notShown));
    }

    private sealed record Example(string Command, string? HereDoc, int Expect, List<(string Path, string Value)> Checks, List<(string Path, string Name)> Saves,
        List<(string Field, string Name, string? UnlessField, string? UnlessValue)> SaveEach, string? ForEach);

    private static string Text(JsonNode? node) => node is null ? "null" : node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

    private static Example Parse(string[] lines)
    {
        var expect = 200;
        var checks = new List<(string, string)>();
        var saves = new List<(string, string)>();
        var saveEach = new List<(string, string, string?, string?)>();
        string? forEach = null;
        var command = new StringBuilder();
        string? hereDoc = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("# expect:", StringComparison.Ordinal))
                expect = int.Parse(line["# expect:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("# check:", StringComparison.Ordinal))
            {
                var parts = line["# check:".Length..].Split(" = ", 2);
                checks.Add((parts[0].Trim(), parts[1].Trim()));
            }
            else if (line.StartsWith("# save:", StringComparison.Ordinal))
            {
                var parts = line["# save:".Length..].Split(" as ", 2);
                saves.Add((parts[0].Trim(), parts[1].Trim()));
            }
            else if (line.StartsWith("# save-each:", StringComparison.Ordinal))
            {
                // "# save-each: id as TASK_ID unless kind = SendFinalAnswer"
                var rest = line["# save-each:".Length..];
                var unless = rest.Split(" unless ", 2);
                var parts = unless[0].Split(" as ", 2);
                var condition = unless.Length > 1 ? unless[1].Split(" = ", 2) : null;
                saveEach.Add((parts[0].Trim(), parts[1].Trim(), condition?[0].Trim(), condition?[1].Trim()));
            }
            else if (line.StartsWith("# for-each:", StringComparison.Ordinal))
                forEach = line["# for-each:".Length..].Trim();
            else if (command.Length > 0 || line.StartsWith("curl ", StringComparison.Ordinal))
            {
                command.Append(' ').Append(line.TrimEnd().TrimEnd('\\'));
                if (line.Contains("<<'JSON'", StringComparison.Ordinal) || line.Contains("<<JSON", StringComparison.Ordinal))
                {
                    var end = Array.IndexOf(lines, "JSON", i + 1);
                    hereDoc = string.Join('\n', lines[(i + 1)..end]);
                    break;
                }
                if (!line.TrimEnd().EndsWith('\\'))
                    break;
            }
        }
        return new Example(command.ToString().Trim(), hereDoc, expect, checks, saves, saveEach, forEach);
    }

    private static HttpRequestMessage Build(Example example, Dictionary<string, string> variables, string root)
    {
        var tokens = Tokenize(example.Command.Replace("<<'JSON'", "", StringComparison.Ordinal).Replace("<<JSON", "", StringComparison.Ordinal));
        string? method = null, url = null, data = null;
        var headers = new List<(string, string)>();
        for (var i = 1; i < tokens.Count; i++)
        {
            switch (tokens[i])
            {
                case "-sS" or "-s" or "-S" or "-i":
                    break;
                case "-X":
                    method = tokens[++i];
                    break;
                case "-H":
                    var header = Substitute(tokens[++i], variables).Split(':', 2);
                    headers.Add((header[0].Trim(), header[1].Trim()));
                    break;
                case "--data" or "--data-binary" or "-d":
                    var value = tokens[++i];
                    data = value == "@-" ? example.HereDoc : value.StartsWith('@') ? File.ReadAllText(Path.Combine(root, value[1..])) : value;
                    data = Substitute(data!, variables);
                    break;
                default:
                    url = Substitute(tokens[i], variables);
                    break;
            }
        }
        var message = new HttpRequestMessage(new HttpMethod(method ?? (data is null ? "GET" : "POST")), url);
        string? contentType = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                contentType = value;
            else
                message.Headers.TryAddWithoutValidation(name, value);
        }
        if (data is not null)
        {
            message.Content = new StringContent(data, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/x-www-form-urlencoded");
        }
        return message;
    }

    private static List<string> Tokenize(string command)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inToken = false;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                    tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }
        if (inToken)
            tokens.Add(current.ToString());
        return tokens;
    }

    private static string Substitute(string text, Dictionary<string, string> variables) =>
        Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static JsonNode? Select(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            node = node is JsonArray array && int.TryParse(part, out var index) ? array[index] : node?[part];
        return node;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PrivacyDesk.sln not found above the test binaries.");
    }
}
