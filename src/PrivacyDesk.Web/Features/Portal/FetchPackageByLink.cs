namespace PrivacyDesk.Web.Features.Portal;

/// <summary>The file behind the secret download link (ACC-5); every download is counted.</summary>
public static class FetchPackageByLink
{
    /// <summary>Counts the download and returns the file; null when the link is unknown or expired.</summary>
    [Public]
    public sealed record Command : ICommand<PackageFile?>
    {
        public string? Token { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Command, PackageFile?>
    {
        public async Task<PackageFile?> Handle(Command command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 100)
                return null;
            var hash = Tokens.Hash(command.Token);
            var package = await db.Packages.FirstOrDefaultAsync(p => p.DownloadTokenHash == hash, cancellationToken);
            return PackageFile.Download(package, clock.GetUtcNow());
        }
    }
}
