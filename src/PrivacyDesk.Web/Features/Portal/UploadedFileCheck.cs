namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// Checks an identity-proof upload (ID-6) before anything is stored: the type comes from the file's
/// first bytes (PDF, JPEG or PNG only), never from the browser's Content-Type; the name's extension must
/// agree with those bytes; names with path parts, control characters or a double extension are refused.
/// Pure logic: no I/O.
/// </summary>
public static class UploadedFileCheck
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public enum Problem
    {
        None,
        Empty,
        TooLarge,
        BadName,
        DoubleExtension,
        NotAllowedType,
        ContentDoesNotMatchName,
    }

    public sealed record Result(Problem Problem, string? ContentType, string? SafeFileName)
    {
        public bool Ok => Problem == Problem.None;
    }

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    /// <summary>The content type the first bytes prove, or null when they are not PDF, JPEG or PNG.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
            return "application/pdf";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return "image/jpeg";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return "image/png";
        return null;
    }

    public static Result Check(string? fileName, long length, ReadOnlySpan<byte> head)
    {
        if (length <= 0)
            return new Result(Problem.Empty, null, null);
        if (length > MaxBytes)
            return new Result(Problem.TooLarge, null, null);
        if (head.IsEmpty)
            return new Result(Problem.Empty, null, null);
        var name = fileName ?? "";
        if (name.Length is 0 or > 200 || name.Any(char.IsControl) || name.IndexOfAny(['/', '\\', ':', '"', '<', '>', '|', '*', '?']) >= 0
            || name.Contains("..", StringComparison.Ordinal) || name.Trim() != name || name[0] is '.' or '=' or '+' or '-' or '@')
            return new Result(Problem.BadName, null, null);
        var extension = Path.GetExtension(name);
        if (!Extensions.TryGetValue(extension, out var expected))
            return new Result(Problem.NotAllowedType, null, null);
        var stem = name[..^extension.Length];
        if (HasInnerExtension(stem))
            return new Result(Problem.DoubleExtension, null, null);
        var sniffed = Sniff(head);
        if (sniffed != expected)
            return new Result(Problem.ContentDoesNotMatchName, null, null);
        return new Result(Problem.None, sniffed, name);
    }

    /// <summary>"scan.php.pdf", "id.exe.png": a stem that itself ends in something that looks like an extension.</summary>
    private static bool HasInnerExtension(string stem)
    {
        var dot = stem.LastIndexOf('.');
        if (dot < 0 || dot == stem.Length - 1)
            return dot >= 0;
        var inner = stem[(dot + 1)..];
        return inner.Length <= 5 && inner.All(char.IsAsciiLetterOrDigit);
    }
}
