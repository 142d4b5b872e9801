namespace PrivacyDesk.Domain.Common;

/// <summary>
/// A rule of the domain refused an operation. <see cref="Code"/> is a stable key the web layer
/// localises; <see cref="Rule"/> names the gdpr-rules.md rule when one applies (e.g. "EXT-2").
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, string? rule = null) : base(message)
    {
        Code = code;
        Rule = rule;
    }

    public DomainException() : this("domain", "The operation is not allowed.") { }

    public DomainException(string message) : this("domain", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "domain";

    public string Code { get; } = "domain";

    public string? Rule { get; }
}
