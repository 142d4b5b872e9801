using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Suppression;

/// <summary>
/// ER-8: after an erasure (or a marketing objection) we keep keyed hashes of e-mail, phone and national
/// number — no readable data — so the same person is not silently re-imported. The key comes from
/// configuration (Suppression:Key), so the hashes cannot be reversed by guessing without it.
/// </summary>
public sealed class SuppressionList(PrivacyDeskDbContext db, IConfiguration configuration, IHostEnvironment environment, IDataProtectionProvider protection)
{
    private byte[] Key => Encoding.UTF8.GetBytes(configuration["Suppression:Key"]
        ?? (environment.IsProduction() ? throw new InvalidOperationException("Suppression:Key must be configured in production.") : "privacydesk-development-suppression-key"));

    public sealed record Identifiers(string? Email, string? Phone, string? NationalNumber);

    /// <summary>
    /// ER-8: the identifiers of a person about to be erased, the national number decrypted so that it can be hashed
    /// (it is stored encrypted by the application). Read before the profile is blanked.
    /// </summary>
    public Identifiers IdentifiersOf(Candidate candidate, string? fallbackEmail, string? fallbackPhone)
    {
        string? national = null;
        if (!string.IsNullOrEmpty(candidate.NationalNumberEncrypted))
        {
            try
            {
                national = protection.CreateProtector(Api.UpsertCandidate.NationalNumberPurpose).Unprotect(candidate.NationalNumberEncrypted);
            }
            catch (CryptographicException)
            {
                // Encrypted with a key no longer in the ring: it cannot be read, so it cannot be hashed either.
                national = null;
            }
        }
        return new Identifiers(candidate.Email ?? fallbackEmail, candidate.Phone ?? fallbackPhone, national);
    }

    public SuppressionEntry CreateEntry(Identifiers who, SuppressionReason reason, string requestReference, DateOnly today) => new()
    {
        EmailHash = Hash(NormaliseEmail(who.Email)),
        PhoneHash = Hash(PhoneNumber.ToE164(who.Phone)),
        NationalNumberHash = Hash(NormaliseDigits(who.NationalNumber)),
        Reason = reason,
        RequestReference = requestReference,
        CreatedOn = today,
    };

    /// <summary>The matching entry, if any identifier of the person was suppressed.</summary>
    public async Task<SuppressionEntry?> FindAsync(Identifiers who, CancellationToken ct)
    {
        var email = Hash(NormaliseEmail(who.Email));
        var e164 = PhoneNumber.ToE164(who.Phone);
        var phone = Hash(e164);
        var legacyPhone = Hash(LegacyPhoneKey(e164));
        var national = Hash(NormaliseDigits(who.NationalNumber));
        if (email is null && phone is null && national is null)
            return null;
        return await db.Suppressions.AsNoTracking()
            .Where(s => (email != null && s.EmailHash == email) || (phone != null && (s.PhoneHash == phone || s.PhoneHash == legacyPhone))
                        || (national != null && s.NationalNumberHash == national))
            .OrderBy(s => s.CreatedOn)
            .FirstOrDefaultAsync(ct);
    }

    private string? Hash(string? value) =>
        string.IsNullOrEmpty(value) ? null : Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));

    private static string? NormaliseEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// Entries written before phones were hashed in E.164 keyed the national part without its zeros ("470123456" for
    /// a Belgian number, the digits otherwise); they are still honoured. Derived from the E.164 form, not a second normaliser.
    /// </summary>
    private static string? LegacyPhoneKey(string? e164) =>
        e164 is null ? null : (e164.StartsWith("+32", StringComparison.Ordinal) ? e164[3..] : e164[1..]).TrimStart('0');

    private static string? NormaliseDigits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}
