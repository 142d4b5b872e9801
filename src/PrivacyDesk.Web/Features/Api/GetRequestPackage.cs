namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// The access and portability packages of a request (Features/Packages): for each approved Access or Portability
/// sub-request, the unexpired package, built now if there is none yet (BuildPackage: idempotent, queues the
/// requester's "download ready" e-mail). The download URL is an API URL, valid until the package expires.
/// </summary>
public static class GetRequestPackage
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<PackagesView>
    {
        public Guid RequestId { get; init; }
    }

    private static readonly RequestStatus[] Buildable = [RequestStatus.Approved, RequestStatus.PartiallyApproved, RequestStatus.InExecution, RequestStatus.Completed];

    public sealed class Handler(PrivacyDeskDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, PackagesView>
    {
        public async Task<PackagesView> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            var subs = request.SubRequests
                .Where(s => s.Type is RequestType.Access or RequestType.Portability && s.Outcome != DecisionOutcome.Refused)
                .OrderBy(s => s.Type).ToList();
            if (subs.Count == 0)
                throw NotAvailable("This request has no approved access or portability part, so it has no package.");
            if (Buildable.Contains(request.Status))
            {
                foreach (var sub in subs)
                    await mediator.Send(new Packages.BuildPackage.Command { RequestId = request.Id, SubRequestId = sub.Id }, cancellationToken);
            }
            var now = clock.GetUtcNow();
            var packages = await db.Packages.AsNoTracking()
                .Where(p => p.RequestId == request.Id && p.ExpiresAt > now)
                .OrderBy(p => p.Kind).ThenByDescending(p => p.CreatedAt)
                .Select(p => new PackageView(p.Id, p.Kind, p.FileName, p.ContentType, p.Content.Length, p.SnapshotOn, p.CreatedAt, p.ExpiresAt, p.DownloadCount,
                    ApiEndpoints.Prefix + "/packages/" + p.Id + "/content"))
                .ToListAsync(cancellationToken);
            packages = packages.GroupBy(p => p.Kind).Select(g => g.First()).ToList();
            if (packages.Count == 0)
                throw NotAvailable($"No package is available: the request is {request.Status}; packages are built once it is approved, and expire.");
            return new PackagesView(request.Id, request.Reference, packages);
        }
    }

    private static ApiRequestException NotAvailable(string detail) => new(StatusCodes.Status404NotFound, "package-not-available", detail);
}
