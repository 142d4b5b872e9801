using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Pipeline;

/// <summary>A test-only command that writes a row, optionally saving early and then failing.</summary>
public static class PipelineProbe
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public string Code { get; init; } = "";
        public bool FailAfterSaving { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(10);
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var recipient = new Recipient { Code = request.Code, Name = "Probe", Kind = RecipientKind.Other };
            db.Recipients.Add(recipient);
            if (request.FailAfterSaving)
            {
                await db.SaveChangesAsync(cancellationToken);
                throw new InvalidOperationException("Injected failure after a write.");
            }
            return recipient.Id;
        }
    }

    /// <summary>A request that declares neither [RequiresRole] nor [Public]: the pipeline must refuse it for everyone.</summary>
    public sealed record Undeclared : IRequest<int>;

    public sealed class UndeclaredHandler : IRequestHandler<Undeclared, int>
    {
        public Task<int> Handle(Undeclared request, CancellationToken cancellationToken) => Task.FromResult(42);
    }

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<IRequestHandler<Undeclared, int>, UndeclaredHandler>();
        services.AddScoped<IRequestHandler<Command, Guid>, Handler>();
        services.AddScoped<IValidator<Command>, Validator>();
    }
}
