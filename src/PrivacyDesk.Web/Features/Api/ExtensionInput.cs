namespace PrivacyDesk.Web.Features.Api;

public sealed record ExtensionInput
{
    /// <summary>One of volume-systems, hard-to-retrieve, redaction-exemption, make-intelligible, several-rights, exceptional-surge (EXT-4).</summary>
    public string ReasonCode { get; init; } = "";

    /// <summary>The reasons in plain words, sent to the requester (EXT-2).</summary>
    public string ReasonDetails { get; init; } = "";

    public DateOnly? NewDueOn { get; init; }

    /// <summary>The request's version (or send If-Match); checked when given.</summary>
    public uint? Version { get; init; }
}
