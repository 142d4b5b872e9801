using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Features.Suppression;

/// <summary>
/// ER-8: after an erasure (or a marketing objection) we keep keyed hashes of e-mail, phone and national
/// number — no readable data — so the same person is not silently re-imported. The key comes from
/// configuration (Suppression:Key), so the hashes cannot be reversed by guessing without it.
/// </summary>
public sealed class SuppressionList(PrivacyDeskDbContext db, IConfiguration configuration, IHostEnvironment environment)
{
    private byte[] Key => Encoding.UTF8.GetBytes(configuration["Suppression:Key"]
        ?? (environment.IsProduction() ? throw new InvalidOperationException("Suppression:Key must be configured in production.") : "privacydesk-development-suppression-key"));

    public sealed record Identifiers(string? Email, string? Phone, string? NationalNumber);

    public SuppressionEntry CreateEntry(Identifiers who, SuppressionReason reason, string requestReference, DateOnly today) => new()
    {
        EmailHash = Hash(NormaliseEmail(who.Email)),
        PhoneHash = Hash(NormalisePhone(who.Phone)),
        NationalNumberHash = Hash(NormaliseDigits(who.NationalNumber)),
        Reason = reason,
        RequestReference = requestReference,
        CreatedOn = today,
    };

    /// <summary>The matching entry, if any identifier of the person was suppressed.</summary>
    public async Task<SuppressionEntry?> FindAsync(Identifiers who, CancellationToken ct)
    {
        var email = Hash(NormaliseEmail(who.Email));
        var phone = Hash(NormalisePhone(who.Phone));
        var national = Hash(NormaliseDigits(who.NationalNumber));
        if (email is null && phone is null && national is null)
            return null;
        return await db.Suppressions.AsNoTracking()
            .Where(s => (email != null && s.EmailHash == email) || (phone != null && s.PhoneHash == phone) || (national != null && s.NationalNumberHash == national))
            .OrderBy(s => s.CreatedOn)
            .FirstOrDefaultAsync(ct);
    }

    private string? Hash(string? value) =>
        string.IsNullOrEmpty(value) ? null : Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));

    private static string? NormaliseEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>Belgian numbers in any common notation hash alike: +32 470 12 34 56 = 0470123456.</summary>
    private static string? NormalisePhone(string? phone)
    {
        var digits = NormaliseDigits(phone);
        if (digits is null)
            return null;
        if (digits.StartsWith("0032", StringComparison.Ordinal))
            digits = digits[4..];
        else if (digits.StartsWith("32", StringComparison.Ordinal) && phone!.TrimStart().StartsWith('+'))
            digits = digits[2..];
        return digits.TrimStart('0');
    }

    private static string? NormaliseDigits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}

public sealed class SuppressionModule : Infrastructure.IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddScoped<SuppressionList>();
}
