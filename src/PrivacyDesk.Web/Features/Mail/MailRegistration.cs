namespace PrivacyDesk.Web.Features.Mail;

/// <summary>The mail area: templates, the outbox, the SMTP (or pickup folder) transport and the dispatcher's background run.</summary>
public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.PostConfigure<MailOptions>(o =>
        {
            if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(o.Host) && string.IsNullOrWhiteSpace(o.PickupDirectory))
                o.PickupDirectory = Path.Combine(environment.ContentRootPath, ".data", "mail-pickup");
        });
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxDispatcher>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<OutboxDispatcherService>();
        return services;
    }
}
