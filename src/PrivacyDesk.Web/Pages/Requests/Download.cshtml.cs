using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The deliverable behind its secret, time-limited link (ACC-5: the person can download it, not only view
/// it). The page says what it is and until when it works; the file itself is sent as an attachment with a
/// safe name and its real content type, and every download is counted.
/// </summary>
[RateLimited(RateLimitBucket.Portal)]
public sealed class Download(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    public Info? Package { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Package = await mediator.Send(new Query { Token = T });
        if (Package is null || Package.Expired)
            Response.StatusCode = Package is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync()
    {
        var file = await mediator.Send(new Fetch { Token = T });
        if (file is null)
            return await OnGetAsync();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    [Public]
    public sealed record Query : IRequest<Info?>
    {
        public string? Token { get; init; }
    }

    public sealed record Info(string Reference, PackageKind Kind, DateOnly SnapshotOn, DateTimeOffset ExpiresAt, int DownloadCount, long Size, bool Expired);

    public sealed class QueryHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Info?>
    {
        public async Task<Info?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query.Token) || query.Token.Length > 100)
                return null;
            var hash = Tokens.Hash(query.Token);
            var now = clock.GetUtcNow();
            return await db.Packages.AsNoTracking()
                .Where(p => p.DownloadTokenHash == hash)
                .Join(db.Requests, p => p.RequestId, r => r.Id, (p, r) => new Info(r.Reference, p.Kind, p.SnapshotOn, p.ExpiresAt, p.DownloadCount, p.Content.Length, p.ExpiresAt <= now))
                .FirstOrDefaultAsync(cancellationToken);
        }
    }

    public sealed record FileResult(string FileName, string ContentType, byte[] Content);

    /// <summary>Counts the download and returns the file; null when the link is unknown or expired.</summary>
    [Public]
    public sealed record Fetch : ICommand<FileResult?>
    {
        public string? Token { get; init; }
    }

    public sealed class FetchHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Fetch, FileResult?>
    {
        public async Task<FileResult?> Handle(Fetch command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 100)
                return null;
            var hash = Tokens.Hash(command.Token);
            var package = await db.Packages.FirstOrDefaultAsync(p => p.DownloadTokenHash == hash, cancellationToken);
            var now = clock.GetUtcNow();
            if (package is null || package.ExpiresAt <= now)
                return null;
            package.DownloadCount++;
            package.LastDownloadedAt = now;
            return new FileResult(package.FileName, package.ContentType, package.Content);
        }
    }
}
