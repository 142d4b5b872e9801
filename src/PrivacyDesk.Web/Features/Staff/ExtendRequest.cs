namespace PrivacyDesk.Web.Features.Staff;

/// <summary>EXT-1..EXT-5: extend once, by the un-extended due date, with coded reasons; the requester is told.</summary>
public static class ExtendRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public string ReasonCode { get; init; } = "";
        public string ReasonDetails { get; init; } = "";
        public DateOnly? NewDueOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.ReasonCode).Must(code => ReasonCatalog.FindExtension(code) is not null).WithMessage("Choose an acceptable reason (EXT-4).");
            RuleFor(c => c.ReasonDetails).NotEmpty().WithMessage("Explain the reasons to the requester (EXT-2).").MaximumLength(2000);
            RuleFor(c => c.NewDueOn).NotNull();
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var coded = ReasonCatalog.FindExtension(command.ReasonCode)!;
            request.Extend(command.ReasonCode, command.ReasonDetails, command.NewDueOn!.Value, clock.Today(), clock.GetUtcNow(), user.Actor);
            await mail.QueueAsync("staff-extension-notice", request, new Dictionary<string, string>
            {
                ["Reasons"] = coded.Text.For(request.Language) + "\n" + command.ReasonDetails.Trim(),
                ["NewDueOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(command.NewDueOn.Value, request.Language), // the reader's date format
            });
            return Unit.Value;
        }
    }
}
