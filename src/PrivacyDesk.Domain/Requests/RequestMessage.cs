using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

public sealed class RequestMessage
{
    private RequestMessage() { }

    public RequestMessage(Guid requestId, DateTimeOffset at, bool fromDataSubject, bool internalNote, string author, string body)
    {
        RequestId = requestId;
        At = at;
        FromDataSubject = fromDataSubject;
        Internal = internalNote;
        Author = author;
        Body = body;
    }

    public Guid Id { get; private set; } = Ids.New();
    public Guid RequestId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public bool FromDataSubject { get; private set; }

    /// <summary>Staff-only note, never shown on the status page.</summary>
    public bool Internal { get; private set; }

    public string Author { get; private set; } = "";
    public string Body { get; private set; } = "";

    internal void Redact() => Body = "(redacted)";
}
