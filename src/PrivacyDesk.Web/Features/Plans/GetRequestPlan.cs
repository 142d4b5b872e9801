using System.Text.Json;
using PrivacyDesk.Domain.Plans;

namespace PrivacyDesk.Web.Features.Plans;

/// <summary>
/// The plan of every sub-request of a case, computed now from the current register, records and
/// holds (product.md §4): what happens to each purpose and record set, why, and on which article.
/// </summary>
public static class GetRequestPlan
{
    [RequiresRole(Roles.Dpo, Roles.BackOffice)]
    public sealed record Query : IRequest<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Result(Guid RequestId, string Reference, Guid? CandidateId, IReadOnlyList<SubRequestPlanView> SubRequests);

    public sealed record SubRequestPlanView(Guid SubRequestId, RequestType Type, RequestPlan Plan);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public sealed class Handler(PrivacyDeskDbContext db, RequestPlanner planner) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            var plans = await planner.BuildAsync(request, cancellationToken);
            return new Result(request.Id, request.Reference, request.CandidateId,
                plans.Select(p => new SubRequestPlanView(p.SubRequest.Id, p.SubRequest.Type, p.Plan)).ToList());
        }
    }
}
