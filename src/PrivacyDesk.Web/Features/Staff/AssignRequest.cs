namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Assign a request to a DPO colleague, or unassign it; <see cref="BulkAssign"/> does the same for many.</summary>
public static class AssignRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public string? Assignee { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var assignee = await CheckAssigneeAsync(db, command.Assignee, cancellationToken);
            request.Assign(assignee, clock.GetUtcNow(), user.Actor);
            await NotifyAssigneeAsync(mail, request, assignee, user.Actor, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>The assignee trimmed, or null to unassign; refused unless it names a colleague with the DPO role.</summary>
    internal static async Task<string?> CheckAssigneeAsync(PrivacyDeskDbContext db, string? assignee, CancellationToken cancellationToken)
    {
        var trimmed = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
        if (trimmed is null)
            return null;
        var dpoRole = await db.Roles.Where(r => r.Name == Roles.Dpo).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var known = await db.Users.AnyAsync(u => u.UserName == trimmed && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == dpoRole), cancellationToken);
        if (!known)
            throw new DomainException("assign.unknown", "Assign the request to a colleague with the DPO role.");
        return trimmed;
    }

    /// <summary>Tells the new assignee by e-mail, in the language they chose, unless the DPO took the request themselves.</summary>
    internal static async Task NotifyAssigneeAsync(StaffMail mail, DataSubjectRequest request, string? assignee, string actor, CancellationToken cancellationToken)
    {
        if (assignee is null || assignee == actor)
            return;
        await mail.QueueToStaffAsync("staff-assigned", assignee, request, new Dictionary<string, string> { ["AssignedBy"] = actor }, cancellationToken);
    }
}
