using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>The purposes the public form offers for an objection (Art. 21) and a consent withdrawal, in the form's language.</summary>
public static class GetRequestFormOptions
{
    [Public]
    public sealed record Query : IRequest<Result>
    {
        public string Language { get; init; } = "nl";
    }

    public sealed record PurposeOption(string Code, string Name, string Description);

    public sealed record Result(IReadOnlyList<PurposeOption> Objection, IReadOnlyList<PurposeOption> Consent);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var language = query.Language;
            var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Code).ToListAsync(cancellationToken);
            return new Result(
                purposes.Where(SubmitRequest.Command.IsObjectable).Select(p => new PurposeOption(p.Code, p.Name(language), p.Description(language))).ToList(),
                purposes.Where(p => p.LegalBasis == LegalBasis.Consent).Select(p => new PurposeOption(p.Code, p.Name(language), p.Description(language))).ToList());
        }
    }
}
