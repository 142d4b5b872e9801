using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// Requests by statutory due date, filtered, with an opaque cursor over (dueOn, id): stable while
/// requests are added, and a page costs one index range scan however deep the client pages.
/// </summary>
public static class ListRequests
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [RequiresRole(Roles.Intake, Roles.Dpo, Roles.BackOffice)]
    public sealed record Query : IRequest<Page>
    {
        public RequestStatus? Status { get; init; }
        public RequestType? Type { get; init; }
        public Channel? Channel { get; init; }
        public DateOnly? DueFrom { get; init; }
        public DateOnly? DueTo { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record Page(IReadOnlyList<RequestView> Items, string? NextCursor);

    public sealed record CursorPosition(DateOnly DueOn, Guid Id);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
            RuleFor(q => q.Cursor).Must(c => c is null || TryDecode(c, out _)).WithMessage("This cursor is not one the API gave out.");
            RuleFor(q => q.DueTo).GreaterThanOrEqualTo(q => q.DueFrom).When(q => q.DueFrom is not null && q.DueTo is not null);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = query.Limit ?? DefaultLimit;
            var q = db.Requests.AsNoTracking().AsQueryable();
            if (query.Status is { } status)
                q = q.Where(r => r.Status == status);
            if (query.Channel is { } channel)
                q = q.Where(r => r.Channel == channel);
            if (query.Type is { } type)
                q = q.Where(r => r.SubRequests.Any(s => s.Type == type));
            if (query.DueFrom is { } from)
                q = q.Where(r => r.DueOn >= from);
            if (query.DueTo is { } to)
                q = q.Where(r => r.DueOn <= to);
            if (query.Cursor is not null && TryDecode(query.Cursor, out var after))
                q = q.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.DueOn, r.Id), ValueTuple.Create(after.DueOn, after.Id)));

            var rows = await q.OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(limit + 1)
                .Include(r => r.SubRequests)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var items = rows.Take(limit).Select(RequestView.From).ToList();
            var next = rows.Count > limit ? Encode(new CursorPosition(rows[limit - 1].DueOn, rows[limit - 1].Id)) : null;
            return new Page(items, next);
        }
    }

    public static string Encode(CursorPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { position.DueOn.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), position.Id.ToString("N") })));

    public static bool TryDecode(string cursor, out CursorPosition position)
    {
        position = new CursorPosition(default, default);
        if (cursor.Length > 200)
            return false;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            if (parts is not { Length: 2 } || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var day)
                || day < 0 || day > DateOnly.MaxValue.DayNumber || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            position = new CursorPosition(DateOnly.FromDayNumber(day), id);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }
}
