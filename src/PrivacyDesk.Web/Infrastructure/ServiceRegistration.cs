using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Features.Audit;
using PrivacyDesk.Web.Features.Deadlines;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Retention;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Features.Suppression;
using PrivacyDesk.Web.Infrastructure.Database;
using PrivacyDesk.Web.Infrastructure.Logging;
using PrivacyDesk.Web.Infrastructure.Telemetry;
using PrivacyDesk.Web.Infrastructure.Web;
using Serilog;

namespace PrivacyDesk.Web.Infrastructure;

/// <summary>The composition root, shared by the app, the admin commands and the tests.</summary>
public static class ServiceRegistration
{
    public static readonly CultureInfo[] SupportedCultures = [new("nl-BE"), new("fr-BE"), new("en")];

    public static async Task AddPrivacyDeskAsync(this WebApplicationBuilder builder)
    {
        builder.AddPrivacyDeskLogging();
        var cluster = await DatabaseSetup.EnsureConnectionStringAsync(builder);
        if (cluster is not null)
        {
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<LocalClusterLifetime>();
        }
        builder.Services.AddPrivacyDesk(builder.Configuration, builder.Environment);
    }

    /// <summary>
    /// Statements the app runs again and again (intake, queue, outbox) are prepared on the server once per pooled
    /// connection instead of parsed and planned each time (PostgreSQL CPU per submission, docs/performance.md). An explicit "Max Auto Prepare" in the connection string wins.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    public static IServiceCollection AddPrivacyDesk(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:PrivacyDesk is not set.");
        var rules = RulesConfiguration.Read(configuration);
        services.AddSingleton(rules);
        services.AddSingleton(TimeProvider.System);

        var dataSource = new NpgsqlDataSourceBuilder(WithAutoPrepare(connectionString)) { Name = "privacydesk" }.Build();
        services.AddSingleton(dataSource);
        services.AddPrivacyDeskTelemetry(configuration);
        // Pooled: a request reuses a context instead of building one (and its internal services) each time.
        services.AddDbContextPool<PrivacyDeskDbContext>(o => PrivacyDeskDbContext.Options(o, dataSource), poolSize: 256);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ControllerProfileCache>();
        services.AddSingleton<ApiKeyCache>();

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddMediation(typeof(ServiceRegistration).Assembly);

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PrivacyDeskDbContext>()
            .AddDefaultTokenProviders();
        services.AddScoped<Features.SignIn.SignInGuard>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "pd.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Staff without the role get a real 403 (rendered by the status-code page), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Dpo, p => p.RequireRole(Roles.Dpo))
            .AddPolicy(Roles.BackOffice, p => p.RequireRole(Roles.BackOffice, Roles.Dpo))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy("Staff", p => p.RequireRole(Roles.Dpo, Roles.BackOffice, Roles.Admin));

        // Keys in PostgreSQL: every instance on the database shares one key ring (cookies and antiforgery tokens
        // made by one instance are read by another).
        services.AddDataProtection().SetApplicationName("PrivacyDesk").PersistKeysToDbContext<PrivacyDeskDbContext>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, Localization.JsonStringLocalizerFactory>();
        Localization.ValidationLocalization.Configure(new Localization.JsonStringLocalizerFactory().Create(typeof(Localization.ValidationLocalization)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("nl-BE");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new Localization.LanguageCultureProvider(SupportedCultures)];
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Dpo", Roles.Dpo);
                o.Conventions.AuthorizeFolder("/BackOffice", Roles.BackOffice);
                o.Conventions.AuthorizeFolder("/Admin", Roles.Admin);
                o.Conventions.AuthorizeFolder("/Staff", "Staff");
                o.Conventions.ConfigureFilter(new DomainExceptionPageFilter());
                o.Conventions.ConfigureFilter(new PageRequestGuard());
                o.Conventions.ConfigureFilter(new InputGuardPageFilter()); // NUL refused on every page; the API refuses such JSON itself
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pd.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddProblemDetails();
        ProxySupport.Configure(services);

        services.AddFeatures(configuration, environment, rules);

        services.AddHealthChecks()
            .AddDbContextCheck<PrivacyDeskDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        return services;
    }

    public static async Task UsePrivacyDeskAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            if (app.Configuration.GetValue("Demo:SeedOnStartup", app.Environment.IsDevelopment()))
                await DemoData.DemoSeeder.SeedIfEmptyAsync(scope.ServiceProvider, Console.Out);
        }
        app.Services.GetRequiredService<HolidayCalendarProvider>().Warm();
        Telemetry.PrivacyDeskTelemetry.ObserveDatabase(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Services.GetRequiredService<TimeProvider>());

        // First: the scheme and client address of a request through a known proxy decide Secure cookies,
        // HSTS and the rate-limit partition below.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseCookiePolicy();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseSerilogRequestLogging(o => SerilogSetup.ConfigureRequestLogging(o, app.Services));
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<DatabaseUnavailableMiddleware>(); // database down → 503 page / problem, not 500
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UsePortal(); // the rate limiter reads the page's limit from the endpoint routing chose

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapRazorPages();
        app.MapApiEndpoints();
    }

    /// <summary>
    /// Every feature area's services, each registered once, here and nowhere else. The order is kept on purpose:
    /// hosted services start in this order (audit sealer, outbox dispatcher, waiting job, retention sweep), and
    /// areas come after the infrastructure above (database, identity, MediatR) whose services they use.
    /// </summary>
    private static void AddFeatures(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, RulesConfiguration rules)
    {
        services.AddApi();
        services.AddAudit(configuration);
        services.AddDeadlines(rules);
        services.AddExecution();
        services.AddMail(configuration, environment);
        services.AddPlans();
        services.AddPortal(configuration);
        services.AddRequests(configuration);
        services.AddRetention(configuration);
        services.AddStaff();
        services.AddSuppression();
    }

    /// <summary>The feature areas' admin commands, after the built-in ones (AdminCommands); README lists each.</summary>
    public static AdminCommandRegistry AddFeatureCommands(this AdminCommandRegistry commands) => commands
        .AddApiCommands()
        .AddAuditCommands()
        .AddExecutionCommands()
        .AddRequestsCommands()
        .AddRetentionCommands();
}
