using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// The queue as filtered on screen, every matching row (up to the export limit), as CSV for a spreadsheet:
/// headers, statuses and rights in the staff member's language, dates as ISO dates (sortable in any locale).
/// </summary>
public static class QueueExport
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<byte[]>
    {
        public SearchQueue.Query Filter { get; init; } = new();
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock, IStringLocalizerFactory localizers) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var l = localizers.Create(typeof(QueueExport));
            var today = clock.Today();
            var ordered = SearchQueue.Order(SearchQueue.Filtered(db, query.Filter, today), query.Filter.Sort, query.Filter.Descending);
            var rows = await SearchQueue.Project(db, ordered.Take(SearchQueue.ExportLimit), today, cancellationToken);
            using var buffer = new MemoryStream();
            // CSV injection (OWASP): a cell starting with = + - @ tab or CR gets a leading ' so a spreadsheet shows text.
            var options = new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
            await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
            {
                foreach (var header in new[] { "Reference", "Requester", "E-mail address", "Rights", "Status", "Received", "Due", "Days left", "Assigned to", "Flags" })
                    csv.WriteField(l[header].Value);
                csv.EndRecord();
                foreach (var r in rows)
                {
                    var flags = new List<string>();
                    if (r.LegalHold)
                        flags.Add(l["Legal hold"].Value);
                    if (r.Extended)
                        flags.Add(l["Extended"].Value);
                    if (r.DuplicateSuspected)
                        flags.Add(l["Duplicate suspected"].Value);
                    if (r.ReceiptDateFlagged)
                        flags.Add(l["Receipt date flagged"].Value);
                    var fields = new[]
                    {
                        r.Reference,
                        r.RequesterName,
                        r.RequesterEmail,
                        string.Join(", ", r.Types.Select(t => l["Right." + t].Value)),
                        l["Status." + r.Status].Value,
                        r.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        r.IsOpen ? r.DaysLeft.ToString(CultureInfo.InvariantCulture) : "",
                        r.AssignedTo ?? "",
                        string.Join(", ", flags),
                    };
                    foreach (var field in fields)
                        csv.WriteField(field);
                    csv.EndRecord();
                }
            }
            return buffer.ToArray();
        }
    }
}
