namespace PrivacyDesk.Web.Features.Portal;

/// <summary>A deliverable straight from the status page while it is valid (ACC-5); counted like the e-mailed link.</summary>
public static class FetchPackageFromStatus
{
    /// <summary>Counts the download and returns the file; null when the link, the package or its validity does not hold.</summary>
    [Public]
    public sealed record Command : ICommand<PackageFile?>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public Guid PackageId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Command, PackageFile?>
    {
        public async Task<PackageFile?> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.AsNoTracking(), command.Reference, command.Token, cancellationToken);
            if (request is null)
                return null;
            var now = clock.GetUtcNow();
            var package = await db.Packages.FirstOrDefaultAsync(p => p.Id == command.PackageId && p.RequestId == request.Id, cancellationToken);
            return PackageFile.Download(package, now);
        }
    }
}
