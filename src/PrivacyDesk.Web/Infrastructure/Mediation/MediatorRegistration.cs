using System.Collections.Concurrent;
using System.Reflection;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

public static class MediatorRegistration
{
    /// <summary>MediatR 5.1.0 has no DI package here (platform.md): register by hand. First behaviour = outermost.</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<AfterCommit>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddScoped(handler, type);
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)))
                services.AddScoped(handler, type);
        }
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Telemetry.TracingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        // A validator builds its rule tree (expression parsing) in its constructor: build it once when it depends
        // on nothing per request, instead of once per command.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, r => IsStateless(r.ValidatorType), includeInternalTypes: false);
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, r => !IsStateless(r.ValidatorType), includeInternalTypes: false);
        return services;
    }

    // Localizers read the culture when a message is formatted, and a scope factory gives each use its own scope:
    // neither ties a validator to one request.
    private static readonly Type[] SingletonDependencies = [typeof(TimeProvider), typeof(RulesConfiguration), typeof(IServiceScopeFactory)];

    internal static bool IsStateless(Type validator) =>
        validator.GetConstructors().All(c => c.GetParameters().All(p => SingletonDependencies.Contains(p.ParameterType)
            || (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Localization.IStringLocalizer<>))));
}
