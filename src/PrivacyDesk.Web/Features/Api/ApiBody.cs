using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// Reads a JSON body once, within the size cap, and keeps the bytes for the Idempotency-Key hash.
/// Malformed JSON, invalid UTF-8, too deep nesting and oversized bodies are 4xx problems, never 500.
/// </summary>
public static class ApiBody
{
    private const string BytesKey = "PrivacyDesk.Api.Body";

    public static async Task<byte[]> ReadBytesAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(BytesKey, out var cached) && cached is byte[] bytes)
            return bytes;
        var request = http.Request;
        if (request.ContentLength > ApiJson.MaxBodyBytes)
            throw TooLarge();
        var sizeFeature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = ApiJson.MaxBodyBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > ApiJson.MaxBodyBytes)
                    throw TooLarge();
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        bytes = buffer.ToArray();
        http.Items[BytesKey] = bytes;
        return bytes;
    }

    public static async Task<T> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (!IsJson(http.Request.ContentType))
            throw new ApiRequestException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the body as application/json.");
        var bytes = await ReadBytesAsync(http);
        if (bytes.Length == 0)
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "body-required", "A JSON body is required.");
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options)
                ?? throw new ApiRequestException(StatusCodes.Status400BadRequest, "body-required", "A JSON object is required.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // The framework's message names the position and the expected type; we do not echo it (it may quote input).
            var path = ex is JsonException { Path: { Length: > 0 } p } ? p : "$";
            var why = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"The JSON is nested too deeply (at most {ApiJson.MaxDepth} levels)."
                : ex.Message.StartsWith(Infrastructure.Web.NulRefusingStringConverter.Message, StringComparison.Ordinal)
                    ? Infrastructure.Web.NulRefusingStringConverter.Message
                : ex.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("transcode", StringComparison.OrdinalIgnoreCase)
                    ? "The body is not valid UTF-8."
                    : EnumAt(typeof(T), path) is { } enumType
                        ? $"Use one of {string.Join(", ", Enum.GetNames(enumType))}."
                    : "The body is not valid JSON for this resource, or a value has the wrong type or format.";
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "malformed-json", why,
                new Dictionary<string, string[]> { [ToFieldName(path)] = [why] });
        }
    }

    /// <summary>The enum type a JSON path ("$.types[0]", "$.records.applications[1].status") lands on in T, if any.</summary>
    internal static Type? EnumAt(Type root, string jsonPath)
    {
        var type = root;
        foreach (var segment in jsonPath.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
                return null;
            type = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal))
                type = ElementOf(type) ?? type;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        // A path ending on the collection itself ("$.types" when an item is wrong) names its items' type.
        var element = ElementOf(type);
        type = element is null ? type : Nullable.GetUnderlyingType(element) ?? element;
        return type.IsEnum ? type : null;
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? item
        : null;

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>"$.requester.dateOfBirth" → "requester.dateOfBirth".</summary>
    private static string ToFieldName(string jsonPath) =>
        jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static ApiRequestException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body is larger than {ApiJson.MaxBodyBytes / (1024 * 1024)} MB.");
}
