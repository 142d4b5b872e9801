using System.Buffers.Text;
using System.Text;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Features.Audit;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// The read-only admin surface of the API: the audit trail and its verification, the erasure ledger (counts and
/// record sets, never content), the suppression list (hash prefixes and dates only, ER-8), the e-mails of a request
/// (template, subject and delivery, never address or body) and the event feed an ATS follows to apply erasures and
/// restrictions on its side. Every list is keyset-paged: pass nextCursor back as cursor until it is null.
/// </summary>
public static class AdminQueries
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Hash prefixes are long enough to match a list export, far too short to test guesses against.</summary>
    public const int HashPrefixLength = 8;

    public sealed record Paging(int Limit, string? Cursor);

    public sealed record AuditEntryView(long Sequence, DateTimeOffset OccurredAt, string Actor, string Type, string Summary,
        Guid? RequestId, Guid? CandidateId, Guid? LegalHoldId, bool Sealed);

    public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

    public sealed record AuditVerificationView(bool Intact, long Checked, long? BrokenAtSequence, long Unsealed, string Message);

    public sealed record LedgerEntryView(Guid Id, DateTimeOffset ExecutedAt, Guid CandidateId, Guid? RequestId, string? RuleCode, string RecordSet,
        LedgerAction Action, int Count, DateOnly? DueOn, Guid? LegalHoldId);

    public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, string? NextCursor);

    public sealed record SuppressionEntryView(Guid Id, string? EmailHashPrefix, string? PhoneHashPrefix, string? NationalNumberHashPrefix,
        SuppressionReason Reason, DateOnly CreatedOn);

    public sealed record SuppressionPage(IReadOnlyList<SuppressionEntryView> Items, string? NextCursor);

    public sealed record MessageView(Guid Id, string Template, string Language, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
        int Attempts, bool FailedPermanently);

    /// <summary>
    /// What an ATS must apply on its side: erased (Deleted), anonymised or restricted data of a candidate, per record
    /// set. Deferrals (legal hold, statute) are not events: nothing happened yet.
    /// </summary>
    public sealed record EventView(string Cursor, DateTimeOffset OccurredAt, EventKind Kind, Guid CandidateId, Guid? RequestId, string RecordSet, int Count);

    public sealed record EventPage(IReadOnlyList<EventView> Items, string? NextCursor);

    [RequiresRole(Roles.Admin, Roles.Dpo)]
    public sealed record ListAudit(Paging Page, Guid? RequestId) : IRequest<AuditPage>;

    [RequiresRole(Roles.Admin, Roles.Dpo)]
    public sealed record VerifyAudit : IRequest<AuditVerificationView>;

    [RequiresRole(Roles.Admin, Roles.Dpo)]
    public sealed record ListLedger(Paging Page, Guid? CandidateId) : IRequest<LedgerPage>;

    [RequiresRole(Roles.Admin, Roles.Dpo)]
    public sealed record ListSuppression(Paging Page) : IRequest<SuppressionPage>;

    [RequiresRole(Roles.Admin, Roles.Dpo, Roles.BackOffice)]
    public sealed record ListMessages(Guid RequestId) : IRequest<IReadOnlyList<MessageView>>;

    [RequiresRole(Roles.Intake, Roles.Admin, Roles.Dpo)]
    public sealed record ListEvents(Paging Page) : IRequest<EventPage>;

    public sealed class Handlers(PrivacyDeskDbContext db, AuditVerifier verifier)
        : IRequestHandler<ListAudit, AuditPage>, IRequestHandler<VerifyAudit, AuditVerificationView>, IRequestHandler<ListLedger, LedgerPage>,
          IRequestHandler<ListSuppression, SuppressionPage>, IRequestHandler<ListMessages, IReadOnlyList<MessageView>>, IRequestHandler<ListEvents, EventPage>
    {
        public async Task<AuditPage> Handle(ListAudit query, CancellationToken cancellationToken)
        {
            var after = query.Page.Cursor is null ? 0 : DecodeSequence(query.Page.Cursor);
            var q = db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after);
            if (query.RequestId is { } requestId)
                q = q.Where(e => e.RequestId == requestId);
            var rows = await q.OrderBy(e => e.Sequence).Take(query.Page.Limit + 1).ToListAsync(cancellationToken);
            var items = rows.Take(query.Page.Limit)
                .Select(e => new AuditEntryView(e.Sequence, e.OccurredAt, e.Actor, e.Type, e.Summary, e.RequestId, e.CandidateId, e.LegalHoldId, e.Hash is not null))
                .ToList();
            return new AuditPage(items, rows.Count > query.Page.Limit ? EncodeSequence(items[^1].Sequence) : null);
        }

        public async Task<AuditVerificationView> Handle(VerifyAudit query, CancellationToken cancellationToken)
        {
            var outcome = await verifier.VerifyAsync(cancellationToken);
            return new AuditVerificationView(outcome.Intact, outcome.Checked, outcome.BrokenAtSequence, outcome.Unsealed, outcome.Message);
        }

        public async Task<LedgerPage> Handle(ListLedger query, CancellationToken cancellationToken)
        {
            var q = db.ErasureLedger.AsNoTracking();
            if (query.CandidateId is { } candidateId)
                q = q.Where(e => e.CandidateId == candidateId);
            var rows = await After(q, query.Page).Take(query.Page.Limit + 1).ToListAsync(cancellationToken);
            var items = rows.Take(query.Page.Limit)
                .Select(e => new LedgerEntryView(e.Id, e.ExecutedAt, e.CandidateId, e.RequestId, e.RuleCode, e.RecordSet, e.Action, e.Count, e.DueOn, e.LegalHoldId))
                .ToList();
            return new LedgerPage(items, rows.Count > query.Page.Limit ? Encode(rows[query.Page.Limit - 1]) : null);
        }

        public async Task<SuppressionPage> Handle(ListSuppression query, CancellationToken cancellationToken)
        {
            var q = db.Suppressions.AsNoTracking();
            if (query.Page.Cursor is not null && TryDecodeGuid(query.Page.Cursor, out var after))
                q = q.Where(s => s.Id.CompareTo(after) > 0);
            var rows = await q.OrderBy(s => s.Id).Take(query.Page.Limit + 1).ToListAsync(cancellationToken);
            var items = rows.Take(query.Page.Limit)
                .Select(s => new SuppressionEntryView(s.Id, Prefix(s.EmailHash), Prefix(s.PhoneHash), Prefix(s.NationalNumberHash), s.Reason, s.CreatedOn))
                .ToList();
            return new SuppressionPage(items, rows.Count > query.Page.Limit ? EncodeGuid(items[^1].Id) : null);
        }

        public async Task<IReadOnlyList<MessageView>> Handle(ListMessages query, CancellationToken cancellationToken)
        {
            if (!await db.Requests.AnyAsync(r => r.Id == query.RequestId, cancellationToken))
                throw new NotFoundException("Request");
            return await db.Outbox.AsNoTracking().Where(m => m.RequestId == query.RequestId)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
                .Select(m => new MessageView(m.Id, m.Template, m.Language, m.Subject, m.CreatedAt, m.SentAt, m.Attempts, m.FailedPermanently))
                .ToListAsync(cancellationToken);
        }

        public async Task<EventPage> Handle(ListEvents query, CancellationToken cancellationToken)
        {
            var q = db.ErasureLedger.AsNoTracking()
                .Where(e => e.Action == LedgerAction.Deleted || e.Action == LedgerAction.Anonymised || e.Action == LedgerAction.Restricted);
            var rows = await After(q, query.Page).Take(query.Page.Limit + 1).ToListAsync(cancellationToken);
            var items = rows.Take(query.Page.Limit)
                .Select(e => new EventView(Encode(e), e.ExecutedAt, e.Action switch
                {
                    LedgerAction.Deleted => EventKind.Erased,
                    LedgerAction.Anonymised => EventKind.Anonymised,
                    _ => EventKind.Restricted,
                }, e.CandidateId, e.RequestId, e.RecordSet, e.Count))
                .ToList();
            return new EventPage(items, rows.Count > query.Page.Limit ? items[^1].Cursor : null);
        }

        private static IQueryable<ErasureLedgerEntry> After(IQueryable<ErasureLedgerEntry> q, Paging page)
        {
            if (page.Cursor is not null && TryDecode(page.Cursor, out var at, out var id))
                q = q.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.ExecutedAt, e.Id), ValueTuple.Create(at, id)));
            return q.OrderBy(e => e.ExecutedAt).ThenBy(e => e.Id);
        }
    }

    private static string? Prefix(string? hash) => hash is null ? null : hash[..Math.Min(HashPrefixLength, hash.Length)];

    /// <summary>Whether a cursor is one this list gave out: 'a' audit, 'l' ledger and events, 's' suppression.</summary>
    public static bool IsCursor(string cursor, char kind) => kind switch
    {
        'a' => TryDecodeSequence(cursor, out _),
        'l' => TryDecode(cursor, out _, out _),
        's' => TryDecodeGuid(cursor, out _),
        _ => false,
    };

    private static string Encode(ErasureLedgerEntry e) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("l:" + e.ExecutedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + e.Id.ToString("N")));

    private static bool TryDecode(string cursor, out DateTimeOffset at, out Guid id)
    {
        at = default;
        id = default;
        var parts = Decode(cursor)?.Split(':');
        if (parts is not ["l", var ticks, var rawId] || !long.TryParse(ticks, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t)
            || t > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(rawId, "N", out id))
            return false;
        at = new DateTimeOffset(t, TimeSpan.Zero);
        return true;
    }

    private static string EncodeGuid(Guid id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("s:" + id.ToString("N")));

    private static bool TryDecodeGuid(string cursor, out Guid id)
    {
        id = default;
        return Decode(cursor)?.Split(':') is ["s", var raw] && Guid.TryParseExact(raw, "N", out id);
    }

    private static string EncodeSequence(long sequence) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("a:" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static long DecodeSequence(string cursor) => TryDecodeSequence(cursor, out var s) ? s : 0;

    private static bool TryDecodeSequence(string cursor, out long sequence)
    {
        sequence = 0;
        return Decode(cursor)?.Split(':') is ["a", var raw] && long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
    }

    private static string? Decode(string cursor)
    {
        if (cursor.Length > 200)
            return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
