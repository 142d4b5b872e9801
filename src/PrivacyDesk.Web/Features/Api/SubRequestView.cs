using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Api;

public sealed record SubRequestView(Guid Id, RequestType Type, DecisionOutcome? Outcome, DateTimeOffset? ExecutedAt, SubRequestDetails Details);
