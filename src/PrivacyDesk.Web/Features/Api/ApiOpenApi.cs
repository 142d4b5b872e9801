using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>The OpenAPI document at /openapi/v1.json: the API's endpoints only, the ApiKey scheme, examples.</summary>
public static class ApiOpenApi
{
    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PrivacyDesk API",
                Version = "v1",
                Description = "Push candidates and their records, register data-subject requests received elsewhere, read status and plans. "
                    + "Authenticate with an API key in the X-Api-Key header; each key acts with one role (Intake, Dpo, BackOffice, Admin). "
                    + "Errors are RFC 9457 problem details; POSTs honour Idempotency-Key. See docs/api.md.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "pd_<prefix>_<secret>, created by an Admin (staff area → API keys, or `create-api-key NAME --role ROLE`).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod;
            // "api/v1/requests/{id:guid}/identity" → "api/v1/requests/{id}/identity", as the document shows it.
            var path = System.Text.RegularExpressions.Regex.Replace(context.Description.RelativePath ?? "", "\\{(\\w+):[^}]+\\}", "{$1}");
            if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any unique value (e.g. a UUID). A retry with the same key and body replays the first answer; the same key with another body is refused (422).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                });
            }
            if (path == "api/v1/requests" && string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                foreach (var (name, description) in new[]
                         {
                             ("status", "Received, AwaitingDataSubject, InReview, Approved, PartiallyApproved, Refused, InExecution, Completed, Closed, Withdrawn or Abandoned"),
                             ("type", "Access, Rectification, Erasure, Restriction, Portability, Objection or ConsentWithdrawal"),
                             ("channel", "Web, Email, Post, Phone, InPerson or Api"),
                             ("dueFrom", "yyyy-MM-dd, inclusive"),
                             ("dueTo", "yyyy-MM-dd, inclusive"),
                             ("limit", $"1 to {ListRequests.MaxLimit}, default {ListRequests.DefaultLimit}"),
                             ("cursor", "nextCursor of the previous page (opaque)"),
                         })
                {
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = name, In = ParameterLocation.Query, Required = false, Description = description,
                        Schema = new OpenApiSchema { Type = name == "limit" ? JsonSchemaType.Integer : JsonSchemaType.String },
                    });
                }
            }
            if (path is "api/v1/requests/{id}/identity" or "api/v1/requests/{id}/decision" or "api/v1/requests/{id}/extension")
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The ETag of GET /api/v1/requests/{id} (or send \"version\" in the body). A stale version is refused with 409 and nothing is saved."
                        + (path.EndsWith("/decision", StringComparison.Ordinal) ? " A decision requires one of the two (428 without)." : ""),
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            if (path == "api/v1/legal-holds" && string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter { Name = "candidateId", In = ParameterLocation.Query, Required = false, Description = "Only this candidate's holds", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } });
                operation.Parameters.Add(new OpenApiParameter { Name = "active", In = ParameterLocation.Query, Required = false, Description = "true: active only; false: lifted only", Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean } });
            }
            if (path == "api/v1/legal-holds/{id}" && string.Equals(method, "DELETE", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                // Optional body (no Accepts metadata: that would make routing refuse a DELETE without a body).
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = false,
                    Description = "LiftLegalHoldInput: the reason, instead of ?reason=.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema> { ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = 2000 } },
                            },
                        },
                    },
                };
                operation.Parameters.Add(new OpenApiParameter { Name = "reason", In = ParameterLocation.Query, Required = false, Description = "Why the hold is lifted (LH-4; required for a hold placed by someone else), instead of the body", Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 } });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.HeaderName, In = ParameterLocation.Header, Required = false,
                    Description = "Optional, as on POSTs: a retry with the same key replays the first answer.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                });
            }
            if (path == "api/v1/retention/sweep")
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter { Name = "dryRun", In = ParameterLocation.Query, Required = false, Description = "true: count what would go and write nothing (default false)", Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean } });
            }
            var example = (method?.ToUpperInvariant(), path) switch
            {
                ("POST", "api/v1/candidates") => ApiExamples.Candidate,
                ("POST", "api/v1/requests") => ApiExamples.Request,
                ("POST", "api/v1/disclosures") => ApiExamples.Disclosure,
                ("POST", "api/v1/requests/{id}/identity") => ApiExamples.Identity,
                ("POST", "api/v1/requests/{id}/decision") => ApiExamples.Decision,
                ("POST", "api/v1/requests/{id}/extension") => ApiExamples.Extension,
                ("POST", "api/v1/tasks/{taskId}/finish") => ApiExamples.FinishTask,
                ("POST", "api/v1/legal-holds") => ApiExamples.LegalHold,
                ("DELETE", "api/v1/legal-holds/{id}") => ApiExamples.LiftLegalHold,
                _ => null,
            };
            if (example is not null && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media))
                media.Example = JsonNode.Parse(example);
            return Task.CompletedTask;
        });
        ApiOpenApiContract.Configure(options);
    }
}
