using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>
/// JSON counterpart of the page guard: a string value with a NUL (written "\u0000" in JSON) is refused while
/// the body is read, as a malformed value at its path, instead of failing in PostgreSQL (text and jsonb
/// cannot hold it). Used by the API's serializer options and the policy-pack reader.
/// </summary>
public sealed class NulRefusingStringConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public const string Message = "A text value contains a NUL character (\\u0000), which cannot be stored.";

    public override bool HandleNull => false;

    public override string? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new System.Text.Json.JsonException(Message) : value;
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, string value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value);
}
