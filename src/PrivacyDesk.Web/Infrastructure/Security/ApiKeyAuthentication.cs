using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Infrastructure.Security;

/// <summary>
/// X-Api-Key authentication for other systems. Keys look like pd_&lt;prefix&gt;_&lt;secret&gt;; only a
/// SHA-256 hash is stored (keys are 256-bit random, so no slow hash is needed), found by prefix. Verified keys
/// are remembered for 30 s (<see cref="ApiKeyCache"/>; revoking invalidates at once).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PrivacyDeskDbContext db, TimeProvider clock, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
            return AuthenticateResult.NoResult();
        var presented = values[0]!;
        if (!TryParse(presented, out var prefix))
            return AuthenticateResult.Fail("Malformed API key.");
        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        var key = cache.Find(hash);
        if (key is null)
        {
            var stored = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, Context.RequestAborted);
            if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(stored.KeyHash)))
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            key = new ApiKeyCache.Entry(stored.Id, stored.Name, stored.Role, stored.KeyHash, now) { LastUsedWritten = stored.LastUsedAt };
            cache.Add(key);
        }

        if (key.LastUsedWritten is not { } written || now - written > TimeSpan.FromMinutes(5))
        {
            // Throttled so busy integrations do not write on every call.
            key.LastUsedWritten = now;
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, "api:" + key.Name));
        identity.AddClaim(new Claim(ClaimTypes.Role, key.Role));
        identity.AddClaim(new Claim("api_key_id", key.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public static (string Key, string Prefix, string Hash) Generate()
    {
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = $"pd_{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static bool TryParse(string key, out string prefix)
    {
        prefix = "";
        // The secret is base64url and may itself contain '_': split off the first two parts only.
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "pd" || parts[1].Length != 8 || parts[2].Length == 0)
            return false;
        prefix = parts[1];
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
