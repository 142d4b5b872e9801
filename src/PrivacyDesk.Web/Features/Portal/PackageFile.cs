using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>A deliverable as the portal sends it: a safe file name, its real content type and the bytes.</summary>
public sealed record PackageFile(string FileName, string ContentType, byte[] Content)
{
    /// <summary>
    /// Counts one download of a package still valid at <paramref name="now"/> and returns its file (ACC-5);
    /// null when there is no such package or it has expired. The download link and the status page share it.
    /// </summary>
    public static PackageFile? Download(RequestPackage? package, DateTimeOffset now)
    {
        if (package is null || package.ExpiresAt <= now)
            return null;
        package.DownloadCount++;
        package.LastDownloadedAt = now;
        return new PackageFile(package.FileName, package.ContentType, package.Content);
    }
}
