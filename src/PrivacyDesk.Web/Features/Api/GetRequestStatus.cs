using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Features.Api;

public static class GetRequestStatus
{
    [RequiresRole(Roles.Intake, Roles.Dpo, Roles.BackOffice)]
    public sealed record Query : IRequest<RequestView>
    {
        public Guid RequestId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, RequestView>
    {
        public async Task<RequestView> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().Include(r => r.SubRequests)
                .FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            return RequestView.From(request);
        }
    }
}
