namespace PrivacyDesk.Domain.Operations;

public enum PackageKind
{
    AccessReport,
    PortabilityArchive,
}
