using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

public sealed record SweepLineView(Domain.Processing.RecordSet RecordSet, string RuleCode, LedgerAction Action, int Count);
