using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.SignIn;

/// <summary>
/// Staff password sign-in with a per-account throttle that cannot be used to shut staff out for long and
/// does not tell which accounts exist. The per-address limit is the rate limiter's (RateLimitBucket.Login).
/// <list type="bullet">
/// <item>The first <see cref="FreeFailures"/> wrong passwords of an account in a row cost nothing.</item>
/// <item>Each further failure pauses the account's password sign-in for a delay that doubles from
///   <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>; attempts during a pause are answered without
///   checking the password and do not count, so a pause cannot be stretched by sending more.</item>
/// <item>A correct password after a pause ends resets the count.</item>
/// <item>A browser in which the account signed in before (a signed device cookie, 90 days) is exempt from
///   the account's pause, so a stranger's failures cannot shut out the staff member's own browser.</item>
/// <item>Unknown accounts, paused accounts and locked accounts get the same answer as a wrong password, after
///   the same password-hash work (one hash per attempt on every path).</item>
/// <item>Every failure and every pause is audited and logged by account id only (no address, no e-mail).</item>
/// </list>
/// The counter and the pause live on the account row (AccessFailedCount, LockoutEnd), so every instance
/// behind the proxy sees the same state.
/// </summary>
public sealed partial class SignInGuard(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    PrivacyDeskDbContext db,
    TimeProvider clock,
    IDataProtectionProvider protection,
    IHttpContextAccessor http,
    ILogger<SignInGuard> logger)
{
    public const string DeviceCookie = "pd.device";

    public static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(90);

    public const int FreeFailures = 5;

    public const string FailedEvent = "staff.sign-in-failed";

    public const string PausedEvent = "staff.sign-in-paused";

    public const string Actor = "sign-in";

    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    // A hash of a random password, verified on paths that have no real hash to check, so they take as long.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    private ITimeLimitedDataProtector Devices => protection.CreateProtector("PrivacyDesk.SignIn.Device").ToTimeLimitedDataProtector();

    /// <summary>The pause after the given number of consecutive failures (none up to FreeFailures).</summary>
    public static TimeSpan? DelayAfter(int failures)
    {
        if (failures <= FreeFailures)
            return null;
        var doublings = Math.Min(failures - FreeFailures - 1, 10);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>An Admin's lock (StaffAccounts.SetLocked) is a lockout end far in the future, unlike a pause.</summary>
    private static bool IsAdminLock(DateTimeOffset? end) => end is { } e && e.Year > 9000;

    public async Task<Microsoft.AspNetCore.Identity.SignInResult> PasswordSignInAsync(string userName, string password)
    {
        var now = clock.GetUtcNow();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            BurnHash(password);
            await RecordAsync(now, FailedEvent, "Failed staff sign-in for an unknown account.", null);
            LogUnknownAccount(logger);
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        if (user.LockoutEnd is { } end && end > now)
        {
            if (!IsAdminLock(end) && IsKnownDevice(user.Id))
                return await SignInFromKnownDeviceAsync(user, password, now);
            // Paused or locked: no password check (it would be an oracle), no count, same answer and time.
            BurnHash(password);
            LogRefusedWhilePaused(logger, user.Id);
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            if (user.AccessFailedCount > 0 || user.LockoutEnd is not null)
                await ResetAsync(user);
            return result;
        }
        await RecordFailureAsync(user, now);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    /// <summary>After a full sign-in (password, and the second factor when on): this browser is known from now on.</summary>
    public void RememberDevice(Guid userId)
    {
        var context = http.HttpContext;
        if (context is null)
            return;
        context.Response.Cookies.Append(DeviceCookie, Devices.Protect(userId.ToString("N", CultureInfo.InvariantCulture), DeviceLifetime), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/Account",
            MaxAge = DeviceLifetime,
        });
    }

    private bool IsKnownDevice(Guid userId)
    {
        var value = http.HttpContext?.Request.Cookies[DeviceCookie];
        if (string.IsNullOrEmpty(value))
            return false;
        try
        {
            return Devices.Unprotect(value) == userId.ToString("N", CultureInfo.InvariantCulture);
        }
        catch (CryptographicException)
        {
            return false; // forged, expired or from another key ring
        }
    }

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInFromKnownDeviceAsync(StaffUser user, string password, DateTimeOffset now)
    {
        if (!await users.CheckPasswordAsync(user, password))
        {
            await RecordFailureAsync(user, now);
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        await ResetAsync(user);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        return await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
    }

    private Task ResetAsync(StaffUser user) =>
        db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null));

    private async Task RecordFailureAsync(StaffUser user, DateTimeOffset now)
    {
        var failures = user.AccessFailedCount + 1;
        var delay = DelayAfter(failures);
        DateTimeOffset? pauseUntil = delay is { } d ? now + d : user.LockoutEnd;
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1).SetProperty(u => u.LockoutEnd, pauseUntil));
        await RecordAsync(now, FailedEvent, $"Failed staff sign-in for account {user.Id} ({failures} in a row).", user.Id, save: false);
        LogFailed(logger, user.Id, failures);
        if (delay is { } pause)
        {
            await RecordAsync(now, PausedEvent,
                $"Password sign-in of account {user.Id} paused for {pause.TotalMinutes:0} min after {failures} failed attempts.", user.Id, save: false);
            LogPaused(logger, user.Id, failures, pause.TotalMinutes);
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    /// <summary>
    /// A wrong second factor after a right password (code or recovery code pages): audited and logged by account id,
    /// so it shows in the Admin's sign-in failures. Identity's lockout counts it (AccessFailedAsync), not this guard.
    /// </summary>
    public async Task RecordFailedSecondFactorAsync(Guid userId)
    {
        await RecordAsync(clock.GetUtcNow(), FailedEvent, $"Failed second factor for staff account {userId}.", userId);
        LogSecondFactorFailed(logger, userId);
    }

    private async Task RecordAsync(DateTimeOffset now, string type, string summary, Guid? account, bool save = true)
    {
        var data = account is null ? null : JsonSerializer.Serialize(new { account });
        db.AuditEvents.Add(new AuditEvent(now, Actor, type, summary, data: data));
        if (save)
            await db.SaveChangesAsync();
    }

    private void BurnHash(string password) => users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DecoyHash.Value, password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff sign-in failed for an unknown account")]
    private static partial void LogUnknownAccount(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff sign-in failed for account {AccountId} ({Failures} in a row)")]
    private static partial void LogFailed(ILogger logger, Guid accountId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff password sign-in of account {AccountId} paused for {Minutes} min after {Failures} failures")]
    private static partial void LogPaused(ILogger logger, Guid accountId, int failures, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff second factor failed for account {AccountId}")]
    private static partial void LogSecondFactorFailed(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in refused for account {AccountId}: paused or locked")]
    private static partial void LogRefusedWhilePaused(ILogger logger, Guid accountId);
}
