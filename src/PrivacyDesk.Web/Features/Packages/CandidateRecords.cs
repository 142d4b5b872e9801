using System.Globalization;
using System.Reflection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>
/// Reads a loaded candidate as record sets and plain fields for the deliverables: the same sets the plan
/// engine decides on, the fields found by reflection (so a new column is not forgotten), values in ISO form.
/// </summary>
public static class CandidateRecords
{
    /// <summary>Technical or internal columns never shown as "your data" (ids link files; restriction flags are ours).</summary>
    public static readonly HashSet<string> Internal = ["CandidateId", "Restricted", "RestrictedByRequestId", "RestrictedByHoldId", "ScheduledErasureOn", "Content", "ContentType", "AnonymisedAt", "RestrictionNote", "UpdatedAt"];

    /// <summary>PO-2: the profile fields a person enters themselves; the national register number is never among them.</summary>
    public static readonly string[] PortableProfileFields = ["FirstName", "LastName", "Email", "Phone", "DateOfBirth", "Language", "Street", "PostalCode", "City", "Country"];

    public static IReadOnlyList<object> Of(Candidate candidate, RecordSet set) => set switch
    {
        RecordSet.CandidateProfile => [candidate],
        RecordSet.Applications => candidate.Applications,
        RecordSet.Documents => candidate.Documents,
        RecordSet.WorkExperience => candidate.WorkExperience,
        RecordSet.Education => candidate.Education,
        RecordSet.LanguageSkills => candidate.LanguageSkills,
        RecordSet.Assignments => candidate.Assignments,
        RecordSet.PayrollRecords => candidate.PayrollRecords,
        RecordSet.TaxRecords => candidate.TaxRecords,
        RecordSet.InterviewNotes => candidate.InterviewNotes,
        RecordSet.Evaluations => candidate.Evaluations,
        RecordSet.EmergencyContacts => candidate.EmergencyContacts,
        RecordSet.Consents => candidate.Consents,
        RecordSet.ContactMessages => candidate.ContactMessages,
        RecordSet.Complaints => candidate.Complaints,
        RecordSet.SurveyAnswers => candidate.SurveyAnswers,
        RecordSet.Photos => candidate.Photos,
        RecordSet.ProfessionalEmails => candidate.ProfessionalEmails,
        RecordSet.ClientDisclosures => candidate.ClientDisclosures,
        _ => [],
    };

    public static Guid IdOf(object record) => record switch
    {
        Candidate c => c.Id,
        CandidateRecord r => r.Id,
        _ => Guid.Empty,
    };

    /// <summary>The records of a set the plan lists (by id), in a stable order.</summary>
    public static IReadOnlyList<object> Select(Candidate candidate, RecordSet set, IEnumerable<Guid> ids)
    {
        var wanted = ids.ToHashSet();
        return Of(candidate, set).Where(r => wanted.Contains(IdOf(r))).ToList();
    }

    /// <summary>The simple-valued properties of a record type (no collections, no byte arrays), declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> Fields(Type type, IEnumerable<string>? exclude = null)
    {
        var excluded = new HashSet<string>(Internal.Concat(exclude ?? []), StringComparer.Ordinal);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // Stored values only: a computed property (FullName, HasWorked) is not a column and has no words of its own.
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType) && !excluded.Contains(p.Name))
            .OrderBy(p => p.Name == "Id" ? 0 : 1)
            .ThenBy(p => p.MetadataToken)
            .ToList();
    }

    public static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Guid);
    }

    /// <summary>ISO 8601 dates and times (UTC), invariant numbers, enum names; null stays null.</summary>
    public static string? Iso(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The uploaded file a record carries (documents, photos), if any.</summary>
    public static (string FileName, string ContentType, byte[] Content)? FileOf(object record) => record switch
    {
        CandidateDocument d when d.Content.Length > 0 => (d.FileName, d.ContentType, d.Content),
        Photo p when p.Content.Length > 0 => (p.FileName, p.ContentType, p.Content),
        _ => null,
    };

    /// <summary>A file name that is safe inside a ZIP and on any disk: letters, digits, dot, dash, underscore.</summary>
    public static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name ?? "").Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_').ToArray()).Trim('.');
        return clean.Length == 0 ? "file" : clean.Length > 80 ? clean[^80..] : clean;
    }
}
