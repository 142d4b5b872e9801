using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>JSON of the API: camelCase, enums as names (never numbers), bounded nesting.</summary>
public static class ApiJson
{
    public const int MaxDepth = 32;

    public const long MaxBodyBytes = 5 * 1024 * 1024;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.MaxDepth = MaxDepth;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new Infrastructure.Web.NulRefusingStringConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>"Records.Applications[0].VacancyTitle" → "records.applications[0].vacancyTitle" (the JSON names clients send).</summary>
    public static string FieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName)
            ? ""
            : string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
