using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>A request's status as the API shows it: dates, statuses and sub-requests, no requester data.</summary>
public sealed record RequestView
{
    public Guid Id { get; init; }
    public string Reference { get; init; } = "";
    public RequestStatus Status { get; init; }
    public WaitingReason? WaitingReason { get; init; }
    public Channel Channel { get; init; }
    public string Language { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>DL-4: received more than 3 days before it was registered.</summary>
    public bool ReceiptDateFlagged { get; init; }

    public DateOnly DueOn { get; init; }
    public DateOnly? ExtendedDueOn { get; init; }
    public DateOnly MaxExtendedDueOn { get; init; }
    public bool DueIsProvisional { get; init; }
    public IdentityStatus IdentityStatus { get; init; }
    public bool DuplicateSuspected { get; init; }
    public DecisionOutcome? Outcome { get; init; }
    public DateTimeOffset? FinalAnswerSentAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Optimistic concurrency: send it back as "version" or If-Match (the ETag header carries it too) when changing the request.</summary>
    public uint Version { get; init; }

    public IReadOnlyList<SubRequestView> SubRequests { get; init; } = [];

    /// <summary>The strong ETag of this version, as GET /api/v1/requests/{id} sends it.</summary>
    public static string ETagOf(uint version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    public static RequestView From(DataSubjectRequest r) => new()
    {
        Id = r.Id, Reference = r.Reference, Status = r.Status, WaitingReason = r.WaitingReason, Channel = r.Channel, Language = r.Language,
        ReceivedAt = r.ReceivedAt, ReceivedOn = r.ReceivedOn, RegisteredAt = r.RegisteredAt, ReceiptDateFlagged = r.ReceiptDateFlagged,
        DueOn = r.DueOn, ExtendedDueOn = r.ExtendedDueOn, MaxExtendedDueOn = r.MaxExtendedDueOn, DueIsProvisional = r.DueIsProvisional,
        IdentityStatus = r.IdentityStatus, DuplicateSuspected = r.DuplicateSuspected, Outcome = r.Outcome, FinalAnswerSentAt = r.FinalAnswerSentAt,
        ClosedAt = r.ClosedAt, Version = r.Version,
        SubRequests = r.SubRequests.OrderBy(s => s.Type).Select(s => new SubRequestView(s.Id, s.Type, s.Outcome, s.ExecutedAt,
            SubRequestDetails.From(s))).ToList(),
    };
}
