using System.Globalization;
using System.Reflection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Reaches the records of a loaded candidate by record set and id, and erases them the way the EF
/// personal-data annotation of their entity says (ER-5): delete, or anonymise the named fields.
/// </summary>
public sealed class CandidateRecordAccess
{
    private readonly Dictionary<Guid, (RecordSet Set, CandidateRecord Record)> _byId = [];

    public CandidateRecordAccess(Candidate candidate)
    {
        Candidate = candidate;
        foreach (var set in Enum.GetValues<RecordSet>().Where(s => s != RecordSet.CandidateProfile))
        {
            foreach (var record in Records(candidate, set))
                _byId[record.Id] = (set, record);
        }
    }

    public Candidate Candidate { get; }

    public CandidateRecord? Find(Guid id) => _byId.TryGetValue(id, out var found) ? found.Record : null;

    public static IEnumerable<CandidateRecord> Records(Candidate c, RecordSet set) => set switch
    {
        RecordSet.Applications => c.Applications,
        RecordSet.Documents => c.Documents,
        RecordSet.WorkExperience => c.WorkExperience,
        RecordSet.Education => c.Education,
        RecordSet.LanguageSkills => c.LanguageSkills,
        RecordSet.Assignments => c.Assignments,
        RecordSet.PayrollRecords => c.PayrollRecords,
        RecordSet.TaxRecords => c.TaxRecords,
        RecordSet.InterviewNotes => c.InterviewNotes,
        RecordSet.Evaluations => c.Evaluations,
        RecordSet.EmergencyContacts => c.EmergencyContacts,
        RecordSet.Consents => c.Consents,
        RecordSet.ContactMessages => c.ContactMessages,
        RecordSet.Complaints => c.Complaints,
        RecordSet.SurveyAnswers => c.SurveyAnswers,
        RecordSet.Photos => c.Photos,
        RecordSet.ProfessionalEmails => c.ProfessionalEmails,
        RecordSet.ClientDisclosures => c.ClientDisclosures,
        _ => [],
    };

    public static PersonalDataAnnotation AnnotationOf(PrivacyDeskDbContext db, Type clrType) =>
        db.Model.FindEntityType(clrType)?.PersonalData() ?? throw new InvalidOperationException($"{clrType.Name} has no personal-data annotation.");

    /// <summary>Removes a record from the candidate and the context.</summary>
    public void Delete(PrivacyDeskDbContext db, CandidateRecord record)
    {
        db.Remove(record);
        _byId.Remove(record.Id);
    }

    /// <summary>Blanks the annotation's AnonymiseFields (null where the column allows it, else empty). Returns false when already blank.</summary>
    public static bool Anonymise(PrivacyDeskDbContext db, object entity, IReadOnlyList<string>? fields = null)
    {
        var entityType = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException("Unknown entity.");
        var names = fields is { Count: > 0 } ? fields : AnnotationOf(db, entity.GetType()).AnonymiseFields;
        var changed = false;
        foreach (var name in names)
        {
            var property = entity.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            var efProperty = entityType.FindProperty(name);
            if (property is null || efProperty is null || !property.CanWrite)
                continue;
            object? blank = efProperty.IsNullable ? null
                : property.PropertyType == typeof(string) ? ""
                : property.PropertyType == typeof(byte[]) ? Array.Empty<byte>()
                : property.GetValue(entity);
            var current = property.GetValue(entity);
            if (Equals(current, blank) || (current is byte[] { Length: 0 } && blank is byte[]))
                continue;
            property.SetValue(entity, blank);
            changed = true;
        }
        return changed;
    }

    /// <summary>Reads a field for the audit trail's before/after record (RECT-1).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Parses a corrected value into the field's type; null when the text does not fit.</summary>
    public static bool TryConvert(string text, Type type, out object? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        text = text.Trim();
        if (text.Length == 0 && (Nullable.GetUnderlyingType(type) is not null || !type.IsValueType))
            return type == typeof(string) ? SetString(text, out value) : true;
        if (target == typeof(string))
            return SetString(text, out value);
        if (target == typeof(DateOnly))
        {
            var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
            value = d;
            return ok;
        }
        if (target == typeof(int))
        {
            var ok = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i);
            value = i;
            return ok;
        }
        if (target == typeof(decimal))
        {
            var ok = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m);
            value = m;
            return ok;
        }
        if (target == typeof(bool))
        {
            var ok = bool.TryParse(text, out var b);
            value = b;
            return ok;
        }
        if (target.IsEnum)
        {
            var ok = Enum.TryParse(target, text, ignoreCase: true, out var e);
            value = e;
            return ok;
        }
        return false;
    }

    private static bool SetString(string text, out object? value)
    {
        value = text;
        return true;
    }
}
