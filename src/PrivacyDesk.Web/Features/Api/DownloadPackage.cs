namespace PrivacyDesk.Web.Features.Api;

/// <summary>The package file for a staff system; the requester's downloads (counted) go through the portal link. Audited.</summary>
public static class DownloadPackage
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public Guid PackageId { get; init; }
    }

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var package = await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PackageId, cancellationToken)
                ?? throw new NotFoundException("Package");
            var now = clock.GetUtcNow();
            if (package.ExpiresAt <= now)
                throw new ApiRequestException(StatusCodes.Status410Gone, "package-expired", $"This package expired on {package.ExpiresAt:yyyy-MM-dd}; GET the request's package again to build a new one.");
            db.AuditEvents.Add(new Domain.Audit.AuditEvent(now, user.Actor, "package.downloaded-by-staff", $"{package.Kind} {package.Id} downloaded through the API.", package.RequestId));
            return new Result(package.FileName, package.ContentType, package.Content);
        }
    }
}
