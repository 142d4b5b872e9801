namespace PrivacyDesk.Domain.Common;

/// <summary>Staff and API roles (product.md §1; API issue: Intake for other systems).</summary>
public static class Roles
{
    public const string Dpo = "Dpo";
    public const string BackOffice = "BackOffice";
    public const string Admin = "Admin";
    public const string Intake = "Intake";

    public static readonly IReadOnlyList<string> Staff = [Dpo, BackOffice, Admin];
    public static readonly IReadOnlyList<string> All = [Dpo, BackOffice, Admin, Intake];
}
