using Microsoft.AspNetCore.Identity;

namespace PrivacyDesk.Web.Data;

/// <summary>A staff account (ASP.NET Core Identity); roles Dpo, BackOffice, Admin.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = PrivacyDesk.Domain.Common.Ids.New();

    public string DisplayName { get; set; } = "";

    /// <summary>The language chosen with the language switch (nl, fr, en): e-mails to this colleague are written in it.</summary>
    public string Language { get; set; } = "nl";
}
