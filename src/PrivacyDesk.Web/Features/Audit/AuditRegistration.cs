using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Features.Audit;

/// <summary>The audit area: the sealer (and its background run), the verifier and the <c>verify-audit</c> and <c>seal-audit</c> commands.</summary>
public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditSealer>();
        services.AddSingleton<AuditVerifier>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<AuditSealerService>();
        return services;
    }

    public static AdminCommandRegistry AddAuditCommands(this AdminCommandRegistry commands)
    {
        commands.Add("verify-audit", VerifyAsync);
        commands.Add("seal-audit", SealAsync);
        return commands;
    }

    /// <summary>Seals what is pending, then recomputes the whole chain; exit code 1 names the first broken link.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        await sp.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        var outcome = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        await output.WriteLineAsync(outcome.Message);
        return outcome.Intact ? 0 : 1;
    }

    private static async Task<int> SealAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var count = await sp.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        await output.WriteLineAsync($"Sealed {count} audit event(s).");
        return 0;
    }
}
