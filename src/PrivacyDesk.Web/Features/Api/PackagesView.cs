namespace PrivacyDesk.Web.Features.Api;

public sealed record PackagesView(Guid RequestId, string Reference, IReadOnlyList<PackageView> Packages);
