using System.Text.Json;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>
/// Every change of the Art. 30 register is audited with the values before and after (Art. 5(2), 30), and a
/// retention rule never goes below a statutory minimum (§4.5): the refusal names the statute.
/// </summary>
public static class RegisterChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object Snapshot(ProcessingPurpose p) => new
    {
        p.Code, p.NameNl, p.NameFr, p.NameEn, p.DescriptionNl, p.DescriptionFr, p.DescriptionEn,
        LegalBasis = p.LegalBasis.ToString(), p.Article9Condition,
        DataCategories = p.DataCategories.Select(c => c.ToString()).ToList(),
        RecordSets = p.RecordSets.Select(r => r.ToString()).ToList(),
        DataSubjects = p.DataSubjects.Select(d => d.ToString()).ToList(),
        p.SecurityMeasures,
        Recipients = p.Recipients.Select(r => r.Code).Order(StringComparer.Ordinal).ToList(),
        p.Source, p.Portable, p.IsMarketing,
    };

    public static object Snapshot(RetentionRule r) => new
    {
        r.Code, DataCategory = r.DataCategory.ToString(), Kind = r.Kind.ToString(), Anchor = r.Anchor.ToString(), AnchorAdjust = r.AnchorAdjust.ToString(),
        r.Period, CapAnchor = r.CapAnchor?.ToString(), r.CapPeriod, AppliesTo = r.AppliesTo.ToString(), OnExpiry = r.OnExpiry.ToString(), r.Citation, r.Note,
    };

    public static object Snapshot(Recipient r) => new
    {
        r.Code, r.Name, Kind = r.Kind.ToString(), r.Country, r.TransferSafeguard, r.Description, r.ContactEmail,
    };

    /// <summary>One audit event with the before (null when created) and after values as JSON.</summary>
    public static AuditEvent Audited(DateTimeOffset now, string actor, string type, string summary, object? before, object after) =>
        new(now, actor, type, summary, data: JsonSerializer.Serialize(new { before, after }, Json));

    /// <summary>§4.5: refuses a rule below the statutory minimum for its category, naming the statute.</summary>
    public static void EnsureStatutoryFloor(RetentionRule rule, LegalBasis basis)
    {
        if (!Domain.Deadlines.IsoPeriod.TryParse(rule.Period, out var period))
            return;
        if (StatutoryFloors.Breached(rule.DataCategory, rule.Kind, basis, period) is { } floor)
            throw new DomainException("register.statutory-minimum",
                $"{rule.Code}: {rule.Period} is shorter than the statutory minimum of {floor.Minimum} for {rule.DataCategory} data ({floor.Statute}).", "RET-2");
    }
}
