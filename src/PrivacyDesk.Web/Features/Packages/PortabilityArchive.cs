using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>
/// The portability file (Art. 20, PO-1..PO-3) as a ZIP: <c>data.json</c> (schema in docs/portability-schema.md)
/// and/or one CSV per record set, UTF-8, ISO 8601 dates, plus the uploaded documents in their original
/// format. Only the record sets and records the plan marks portable; never the national register number
/// (PO-2) nor fields the EF annotations mark not portable.
/// </summary>
public static class PortabilityArchive
{
    public const string Schema = "privacydesk-portability/1";

    public sealed record Input(
        DataSubjectRequest Request,
        RequestPlan Plan,
        Candidate Candidate,
        IReadOnlyDictionary<RecordSet, RecordSetProfile> Profiles,
        string ControllerName,
        string Format,
        DateOnly SnapshotOn,
        DateTimeOffset GeneratedAt,
        string ReadMe);

    public static byte[] Build(Input input)
    {
        var format = input.Format is "json" or "csv" ? input.Format : "both";
        var sets = input.Plan.Lines
            .Where(l => l.Outcome == PlanOutcome.Give)
            .GroupBy(l => l.RecordSet)
            .OrderBy(g => g.Key)
            .Select(g => (Set: g.Key, Records: CandidateRecords.Select(input.Candidate, g.Key, g.SelectMany(l => l.RecordIds))))
            .Where(s => s.Records.Count > 0)
            .ToList();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var json = new JsonObject
            {
                ["schema"] = Schema,
                ["controller"] = input.ControllerName,
                ["reference"] = input.Request.Reference,
                ["snapshotOn"] = CandidateRecords.Iso(input.SnapshotOn),
                ["generatedAt"] = CandidateRecords.Iso(input.GeneratedAt),
                ["language"] = input.Request.Language,
            };
            var recordSets = new JsonObject();
            foreach (var (set, records) in sets)
            {
                var fields = FieldsFor(set, records[0].GetType(), input.Profiles);
                var array = new JsonArray();
                var csv = new StringBuilder();
                var hasFiles = records.Any(r => CandidateRecords.FileOf(r) is not null);
                csv.AppendJoin(',', fields.Select(f => Csv(f.Name)));
                if (hasFiles)
                    csv.Append(",file");
                csv.Append("\r\n");
                foreach (var record in records)
                {
                    var item = new JsonObject();
                    foreach (var f in fields)
                        item[JsonName(f.Name)] = JsonValueOf(f.GetValue(record));
                    string? path = null;
                    if (CandidateRecords.FileOf(record) is { } file)
                    {
                        path = $"documents/{CandidateRecords.IdOf(record):N}-{CandidateRecords.SafeName(file.FileName)}";
                        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                        entry.LastWriteTime = input.GeneratedAt;
                        using var s = entry.Open();
                        s.Write(file.Content);
                        item["file"] = path;
                    }
                    array.Add(item);
                    csv.AppendJoin(',', fields.Select(f => Csv(CandidateRecords.Iso(f.GetValue(record)))));
                    if (hasFiles)
                        csv.Append(',').Append(Csv(path));
                    csv.Append("\r\n");
                }
                recordSets[set.ToString()] = array;
                if (format is "csv" or "both")
                    Write(zip, $"csv/{set}.csv", csv.ToString(), input.GeneratedAt);
            }
            json["recordSets"] = recordSets;
            if (format is "json" or "both")
                Write(zip, "data.json", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), input.GeneratedAt);
            Write(zip, "README.txt", input.ReadMe, input.GeneratedAt);
        }
        return buffer.ToArray();
    }

    /// <summary>The exported fields of a record set: simple values, minus internal columns and the annotations' not-portable fields.</summary>
    public static IReadOnlyList<System.Reflection.PropertyInfo> FieldsFor(RecordSet set, Type type, IReadOnlyDictionary<RecordSet, RecordSetProfile> profiles)
    {
        var excluded = new List<string> { "NationalNumberEncrypted" };
        if (profiles.TryGetValue(set, out var profile))
            excluded.AddRange(profile.NotPortableFields);
        var fields = CandidateRecords.Fields(type, excluded);
        if (set == RecordSet.CandidateProfile)
            fields = fields.Where(f => CandidateRecords.PortableProfileFields.Contains(f.Name)).ToList();
        return fields;
    }

    private static JsonNode? JsonValueOf(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        _ => JsonValue.Create(CandidateRecords.Iso(value)),
    };

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>
    /// RFC 4180 quoting only: the portability CSV is machine-readable (PO-2), so values travel exactly as they are
    /// stored. Formula escaping (a leading apostrophe) belongs to spreadsheets people open, such as the Art. 30
    /// export, not to a file another system imports.
    /// </summary>
    public static string Csv(string? value)
    {
        if (value is null)
            return "";
        return value.IndexOfAny([',', '"', '\r', '\n', '\t']) >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void Write(ZipArchive zip, string path, string text, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(new UTF8Encoding(false).GetBytes(text));
    }
}
