using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>downloadUrl needs a BackOffice or Dpo API key and works until expiresAt.</summary>
public sealed record PackageView(Guid Id, PackageKind Kind, string FileName, string ContentType, long Size, DateOnly SnapshotOn, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, int DownloadCount, string DownloadUrl);
