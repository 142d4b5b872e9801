namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Assigns the requests ticked in the queue to one DPO (or unassigns them) in one transaction: each
/// request records its own audited assignment, as when assigned one by one.
/// </summary>
public static class BulkAssign
{
    public const int MaxRequests = 200;

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<int>
    {
        public List<Guid> RequestIds { get; init; } = [];
        public string? Assignee { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestIds).NotEmpty().WithMessage("Staff.Queue.NoneSelected");
            RuleFor(c => c.RequestIds.Count).LessThanOrEqualTo(MaxRequests).OverridePropertyName(nameof(Command.RequestIds)).WithMessage("Staff.Queue.TooMany");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var assignee = await AssignRequest.CheckAssigneeAsync(db, command.Assignee, cancellationToken);
            var ids = command.RequestIds.Distinct().ToList();
            var requests = await db.Requests.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
            if (requests.Count != ids.Count)
                throw new NotFoundException("Request");
            var now = clock.GetUtcNow();
            foreach (var request in requests.Where(r => r.AssignedTo != assignee))
            {
                request.Assign(assignee, now, user.Actor);
                await AssignRequest.NotifyAssigneeAsync(mail, request, assignee, user.Actor, cancellationToken);
            }
            return requests.Count;
        }
    }
}
