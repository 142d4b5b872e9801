using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Register;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// What a code generator reads in /openapi/v1.json: one named schema per body and response (no two types
/// sharing "Command" or "Result"), every property typed, required lists, and for every refusal status a
/// problem schema that names the codes it can carry. The contract tests validate real responses against it.
/// </summary>
public static class ApiOpenApiContract
{
    /// <summary>Bodies and answers whose nested type names ("Command", "Result") say nothing on their own.</summary>
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Requests.RegisterRequest.Command)] = "RegisterRequestBody",
        [typeof(UpsertCandidate.Command)] = "UpsertCandidateBody",
        [typeof(UpsertCandidate.Result)] = "UpsertCandidateResult",
        [typeof(RecordDisclosure.Command)] = "RecordDisclosureBody",
        [typeof(RecordDisclosure.Result)] = "DisclosureView",
        [typeof(GetCandidate.Result)] = "CandidateView",
        [typeof(GetRequestPlan.Result)] = "PlanView",
        [typeof(ImportPolicyPack.Result)] = "PolicyImportView",
    };

    /// <summary>The codes each refusal status can carry (docs/api.md, "Errors"). 422 carries the refusing rule's own code.</summary>
    public static readonly IReadOnlyDictionary<int, string[]> Codes = new Dictionary<int, string[]>
    {
        [400] = ["validation", "malformed-json", "body-required", "idempotency-key"],
        [401] = ["unauthenticated"],
        [403] = ["forbidden"],
        [404] = ["not-found", "package-not-available"],
        [409] = ["conflict", "suppressed", "idempotency-key-in-flight", "sweep-running"],
        [410] = ["package-expired"],
        [413] = ["body-too-large"],
        [415] = ["unsupported-media-type"],
        [428] = ["version-required"],
        [500] = ["internal"],
        [503] = ["unavailable"],
    };

    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.CreateSchemaReferenceId = ReferenceId;
        options.AddSchemaTransformer((schema, context, _) =>
        {
            TypeSchema(schema, context);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            AdminQueryParameters(operation);
            ProblemResponses(operation, context.Description.HttpMethod, context.Description.ActionDescriptor.EndpointMetadata);
            ParameterExamples(operation);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            AddProblemSchemas(document);
            DescribeDocument(document);
            return Task.CompletedTask;
        });
    }

    /// <summary>Explicit names first; a nested type is named with its feature ("GetTask" + "Query"); others as the framework names them.</summary>
    public static string? ReferenceId(JsonTypeInfo info)
    {
        if (Names.TryGetValue(info.Type, out var name))
            return name;
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is null || !info.Type.IsNested || info.Type.IsGenericType || info.Type.DeclaringType is not { } outer)
            return id;
        return outer.Name + info.Type.Name;
    }

    private static void TypeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        // Strings go through a custom converter (NUL refused), which hides their type from the schema generator.
        if (type == typeof(string) && schema.Type is null)
        {
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        // Numbers are read leniently from strings too, but always written as numbers: a generator should see a number.
        if (schema.Type is { } t && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)) && t.HasFlag(JsonSchemaType.String))
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        // Items of a string list likewise (the exporter leaves them as an empty schema).
        if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } && element == typeof(string))
        {
            if (schema.Items is OpenApiSchema { Type: null } items)
                items.Type = JsonSchemaType.String;
            else if (schema.Items is null)
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || context.JsonPropertyInfo is not null || schema.Properties is not { Count: > 0 })
            return;
        var validator = context.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator;
        var isInput = InputTypes(context.ApplicationServices).Contains(type);
        // Our own rules replace the exporter's guess (it marks every constructor parameter required, nullable or not).
        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!schema.Properties.ContainsKey(property.Name))
                continue;
            if (property.IsRequired)
                schema.Required.Add(property.Name);
            else if (!isInput && property.Get is not null && property.ShouldSerialize is null)
                schema.Required.Add(property.Name); // Answers write every property (null included).
            else if (isInput && property.AssociatedParameter is { IsNullable: false, HasDefaultValue: false } && Nullable.GetUnderlyingType(property.PropertyType) is null)
                schema.Required.Add(property.Name); // A body record's non-nullable constructor parameter.
            else if (validator is not null && IsRequiredBy(validator, property))
                schema.Required.Add(property.Name);
        }
        if (schema.Required.Count == 0)
            schema.Required = null;
    }

    private static HashSet<Type>? _inputTypes;

    /// <summary>Every type a request body can contain: the bodies the endpoints accept and what they nest.</summary>
    private static HashSet<Type> InputTypes(IServiceProvider services)
    {
        if (_inputTypes is { } known)
            return known;
        var roots = services.GetRequiredService<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .SelectMany(d => d.SupportedRequestFormats.Count > 0 ? d.ParameterDescriptions.Where(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body).Select(p => p.Type) : [])
            .Concat([typeof(LiftLegalHoldInput)]);
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(roots.Where(t => t is not null));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                    pending.Push(argument);
                continue;
            }
            if (type.IsEnum || type.Namespace?.StartsWith("PrivacyDesk", StringComparison.Ordinal) != true || !found.Add(type))
                continue;
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
                pending.Push(property.PropertyType);
        }
        return _inputTypes = found;
    }

    /// <summary>A field the validator always demands (NotNull / NotEmpty with no condition) is required in the body.</summary>
    private static bool IsRequiredBy(IValidator validator, JsonPropertyInfo property)
    {
        if (property.AttributeProvider is not System.Reflection.MemberInfo member)
            return false;
        return validator.CreateDescriptor().GetRulesForMember(member.Name)
            .Any(rule => rule.Components.Any(c => !c.HasCondition && !c.HasAsyncCondition && c.Validator is INotNullValidator or INotEmptyValidator));
    }

    private static void ProblemResponses(OpenApiOperation operation, string? method, IList<object> metadata)
    {
        operation.Responses ??= [];
        var statuses = new SortedSet<int> { 401, 403, 500, 503 };
        var isPost = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        var takesBody = metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any() || operation.RequestBody is not null;
        if (isPost || string.Equals(method, "DELETE", StringComparison.OrdinalIgnoreCase))
            statuses.UnionWith([400, 409, 422]); // Idempotency-Key: malformed, in flight, reused with another body.
        if (takesBody)
            statuses.UnionWith([400, 413, 415]);
        foreach (var key in operation.Responses.Keys.ToList())
        {
            if (int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var documented) && documented >= 400)
                statuses.Add(documented);
        }
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var codes = Codes.TryGetValue(status, out var known) ? "code: " + string.Join(", ", known) : "code: the refusing rule's code, ruleId: its rule ID";
            operation.Responses[key] = new OpenApiResponse
            {
                Description = $"{ApiProblems.TitleOf(status)} Problem details (RFC 9457); {codes}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("Problem" + key, null) },
                },
            };
        }
    }

    /// <summary>The query parameters of the admin lists (they are read from the query string, so the framework cannot see them).</summary>
    private static void AdminQueryParameters(OpenApiOperation operation)
    {
        (string Name, string Description, JsonSchemaType Type, string? Format)[] parameters = operation.OperationId switch
        {
            "ListAuditEvents" => [Limit, ("cursor", "nextCursor of the previous page", JsonSchemaType.String, null), ("requestId", "Only this request's events", JsonSchemaType.String, "uuid")],
            "ListErasureLedger" => [Limit, ("cursor", "nextCursor of the previous page", JsonSchemaType.String, null), ("candidateId", "Only this candidate's entries", JsonSchemaType.String, "uuid")],
            "ListSuppressionEntries" => [Limit, ("cursor", "nextCursor of the previous page", JsonSchemaType.String, null)],
            "ListEvents" => [Limit, ("after", "The cursor of the last event you applied (or nextCursor); omit to start at the first event", JsonSchemaType.String, null)],
            _ => [],
        };
        foreach (var (name, description, type, format) in parameters)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Required = false, Description = description,
                Schema = new OpenApiSchema
                {
                    Type = type, Format = format,
                    Minimum = name == "limit" ? "1" : null, Maximum = name == "limit" ? AdminQueries.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                },
            });
        }
    }

    private static readonly (string, string, JsonSchemaType, string?) Limit =
        ("limit", $"Items per page, 1 to {AdminQueries.MaxLimit} (default {AdminQueries.DefaultLimit})", JsonSchemaType.Integer, "int32");

    private static void ParameterExamples(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Example is not null || parameter.Examples is { Count: > 0 })
                continue;
            parameter.Example = (parameter.In, parameter.Name) switch
            {
                (ParameterLocation.Path, _) or (ParameterLocation.Query, "candidateId" or "requestId") => JsonValue.Create("0b9f6a3e-5c1d-4e2f-9a7b-3c8d2e1f4a5b"),
                (ParameterLocation.Header, "Idempotency-Key") => JsonValue.Create("letter-2026-11-16-0042"),
                (ParameterLocation.Header, "If-Match") => JsonValue.Create("\"912345\""),
                _ => parameter.Example,
            };
        }
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Candidates"] = "Candidates and their records pushed by an ATS; disclosures to client companies.",
        ["Requests"] = "Data-subject requests: registration, status, plan, the DPO's decisions and the back office's execution.",
        ["Register"] = "The register of purposes, retention rules and recipients (policy packs).",
        ["Legal holds"] = "Legal holds that defer erasure and retention (LH-1..LH-8).",
        ["Retention"] = "The retention sweep.",
        ["Admin"] = "Read-only views: audit trail, erasure ledger, suppression list, a request's e-mails, the event feed.",
    };

    private static void DescribeDocument(OpenApiDocument document)
    {
        // An enum first met as a nullable property is stored with null among its values; nullability belongs to the
        // property (oneOf null / $ref), else every nullable use matches both branches of its oneOf.
        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            if (schema.Enum is not { Count: > 0 } values)
                continue;
            schema.Enum = [.. values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
            schema.Type ??= schema.Enum.All(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.String) ? JsonSchemaType.String : null;
        }
        // Servers follow the host the document was read from; without the trailing slash generators join paths to.
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Description is null && tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
                tag.Description = description;
        }
    }

    private static void AddProblemSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // The framework's own problem schemas are replaced by ours; drop them when nothing points at them any more.
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        // One complete schema per status (not allOf over a base): generators then type `code` with the status's values.
        foreach (var status in new[] { 400, 401, 403, 404, 409, 410, 413, 415, 422, 428, 500, 503 })
        {
            var code = Codes.TryGetValue(status, out var known)
                ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. known.Select(k => (JsonNode)JsonValue.Create(k))] }
                : new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9.-]+$", Description = "The refusing rule's code (e.g. close.open-tasks); ruleId names the rule." };
            document.Components.Schemas["Problem" + status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = ApiProblems.TitleOf(status) + " RFC 9457 problem details: code is stable and machine-readable; ruleId names the rule of gdpr-rules.md that refused; errors maps each invalid field (its JSON path) to messages.",
                Required = new HashSet<string> { "type", "title", "status", "detail", "code" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Enum = [JsonValue.Create(status)] },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["code"] = code,
                    ["ruleId"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z0-9]+(-[A-Z0-9]+)*$" },
                    ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Field path (as sent: requester.dateOfBirth, records.applications[0].status, $ for the body) → messages.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            };
        }
    }
}
