using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// The OpenAPI document as a contract: every API answer a test receives through <see cref="ContractCheckingHandler"/>
/// must have its status documented for that operation, and its JSON body must validate against the schema the
/// document gives for that status (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri BaseUri = new("https://privacydesk.test/openapi/v1.json");

    private readonly List<Operation> _operations = [];
    private readonly EvaluationOptions _options;

    public OpenApiContract(JsonNode document)
    {
        Document = document;
        _options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        _options.SchemaRegistry.Register(new JsonNodeBaseDocument(document, BaseUri));
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path), @"\\\{\w+}", "[^/]+") + "$", RegexOptions.CultureInvariant);
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                    continue;
                _operations.Add(new Operation(method.ToUpperInvariant(), path, pattern, (string?)operation!["operationId"] ?? method + " " + path, operation));
            }
        }
    }

    public JsonNode Document { get; }

    public IReadOnlyList<string> OperationIds => [.. _operations.Select(o => o.Id)];

    /// <summary>Operation id → the statuses seen, for every answer checked through this contract.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<int, bool>> Seen { get; } = new(StringComparer.Ordinal);

    /// <summary>Null when the answer keeps the contract, else what is wrong. Paths that are no operation (unknown URLs) are not checked.</summary>
    public string? Check(string method, string path, int status, string? mediaType, string body)
    {
        var operation = _operations.FirstOrDefault(o => o.Method == method && o.Pattern.IsMatch(path));
        if (operation is null)
            return null;
        Seen.GetOrAdd(operation.Id, _ => new()).TryAdd(status, true);
        var statusKey = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation.Node["responses"]!.AsObject();
        var key = responses.ContainsKey(statusKey) ? statusKey : responses.ContainsKey("default") ? "default" : null;
        if (key is null)
            return $"{operation.Id} ({method} {operation.Path}) answered {status}, which the document does not list ({string.Join(", ", responses.Select(r => r.Key))}): {Short(body)}";
        var content = responses[key]!["content"]?.AsObject();
        if (body.Length == 0)
            return null;
        if (mediaType is null || !(mediaType.EndsWith("/json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)))
            return content is not null && content.Any(c => c.Key == mediaType || c.Key.EndsWith("/*", StringComparison.Ordinal) || c.Key == "application/octet-stream")
                ? null
                : $"{operation.Id} {status}: media type {mediaType} is not documented.";
        var media = content?.FirstOrDefault(c => c.Key == mediaType).Key ?? content?.FirstOrDefault(c => c.Key.EndsWith("json", StringComparison.Ordinal)).Key;
        if (media is null)
            return $"{operation.Id} {status}: a {mediaType} body, but the document gives no JSON schema for it: {Short(body)}";
        var pointer = "/paths/" + Escape(operation.Path) + "/" + method.ToLowerInvariant() + "/responses/" + key + "/content/" + Escape(media) + "/schema";
        var schema = JsonSchema.FromText("{\"$ref\":\"" + BaseUri + "#" + pointer + "\"}");
        var result = schema.Evaluate(JsonNode.Parse(body), _options);
        if (result.IsValid)
            return null;
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))
            .Take(8);
        return $"{operation.Id} ({method} {operation.Path}) {status} does not match its schema:\n  {string.Join("\n  ", errors)}\nbody: {Short(body)}";
    }

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Short(string body) => body.Length > 600 ? body[..600] + "…" : body;

    private sealed record Operation(string Method, string Path, Regex Pattern, string Id, JsonNode Node);
}

/// <summary>Checks every /api answer of a test client against the contract; a broken contract fails the call that broke it.</summary>
public sealed class ContractCheckingHandler(Func<Task<OpenApiContract>> contractAsync) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var contract = await contractAsync();
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
            return response;
        // Read once and put the bytes back, so the test reads the same body.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var copy = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = copy;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = mediaType is not null && (mediaType.EndsWith("json", StringComparison.Ordinal)) ? System.Text.Encoding.UTF8.GetString(bytes) : bytes.Length == 0 ? "" : "(binary)";
        var broken = contract.Check(request.Method.Method, path, (int)response.StatusCode, mediaType, text);
        // PRIVACYDESK_CONTRACT_REPORT=file lists every violation of a run in that file instead of failing at the first.
        if (broken is not null && Environment.GetEnvironmentVariable("PRIVACYDESK_CONTRACT_REPORT") is { Length: > 0 } report)
            await File.AppendAllTextAsync(report, broken + "\n\n", cancellationToken);
        else if (broken is not null)
            throw new ContractViolationException(broken);
        return response;
    }
}

public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>The document served by the app under test, read once per fixture.</summary>
public static class OpenApiContracts
{
    private static readonly ConcurrentDictionary<object, Lazy<Task<OpenApiContract>>> ByFactory = new();

    public static Task<OpenApiContract> ForAsync(Infrastructure.AppFixture app) =>
        ByFactory.GetOrAdd(app.Factory, _ => new Lazy<Task<OpenApiContract>>(async () =>
        {
            using var client = app.Factory.CreateClient();
            var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            return new OpenApiContract(JsonNode.Parse(text)!);
        })).Value;
}
