using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivacyDesk.Web.Infrastructure.Security;

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
            var path = context.Description.RelativePath ?? "";
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
            var example = (method?.ToUpperInvariant(), path) switch
            {
                ("POST", "api/v1/candidates") => ApiExamples.Candidate,
                ("POST", "api/v1/requests") => ApiExamples.Request,
                ("POST", "api/v1/disclosures") => ApiExamples.Disclosure,
                _ => null,
            };
            if (example is not null && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var media))
                media.Example = JsonNode.Parse(example);
            return Task.CompletedTask;
        });
    }
}

/// <summary>The request bodies shown in the OpenAPI document (docs/api.md has the same, run by a test).</summary>
public static class ApiExamples
{
    public const string Request = """
        { "types": ["Erasure"], "channel": "Post", "receivedAt": "2026-11-16T10:15:00+01:00", "language": "nl",
          "requester": { "firstName": "An", "lastName": "Peeters", "email": "an.peeters@example.be",
                         "phone": "+32470123456", "dateOfBirth": "1990-04-12" },
          "details": { } }
        """;

    public const string Candidate = """
        { "externalReference": "ATS-10042", "firstName": "An", "lastName": "Peeters", "email": "an.peeters@example.be",
          "phone": "+32470123456", "dateOfBirth": "1990-04-12", "language": "nl", "city": "Gent", "country": "BE",
          "nationalNumber": "90.04.12-123.77", "employmentStatus": "FormerWorker", "lastWorkingDay": "2025-06-30", "source": "ATS",
          "records": {
            "applications": [ { "vacancyTitle": "Magazijnier", "vacancyReference": "V-881", "appliedOn": "2025-01-10", "status": "Hired" } ],
            "documents": [ { "kind": "Cv", "fileName": "cv-an-peeters.pdf", "contentType": "application/pdf", "content": "JVBERi0xLjQKJcfsj6IK" } ],
            "assignments": [ { "clientCompany": "Logistiek Gent NV", "jobTitle": "Magazijnier", "startDate": "2025-02-01", "endDate": "2025-06-30", "hourlyWage": 15.20 } ],
            "consents": [ { "purposeCode": "newsletter", "givenAt": "2025-01-10T09:00:00+01:00", "method": "web form", "evidence": "double opt-in mail confirmed 2025-01-10 09:14", "doubleOptIn": true } ]
          } }
        """;

    public const string Disclosure = """
        { "externalReference": "ATS-10042", "clientCompany": "Logistiek Gent NV", "clientEmail": "hr@logistiek-gent.example",
          "disclosedOn": "2025-01-20", "what": "CV", "purposeCode": "client-presentation" }
        """;
}
