using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>One correction asked for: the field of a record set, the value the person sees and the right one (RECT-1).</summary>
public sealed record RectificationDetail(RecordSet RecordSet, string Field, string? CurrentValue, string NewValue);
