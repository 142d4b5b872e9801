using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Staff;

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
            var assignee = string.IsNullOrWhiteSpace(command.Assignee) ? null : command.Assignee.Trim();
            if (assignee is not null)
            {
                var dpoRole = await db.Roles.Where(r => r.Name == Roles.Dpo).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
                var known = await db.Users.AnyAsync(u => u.UserName == assignee && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == dpoRole), cancellationToken);
                if (!known)
                    throw new DomainException("assign.unknown", "Assign the request to a colleague with the DPO role.");
            }
            request.Assign(assignee, clock.GetUtcNow(), user.Actor);
            if (assignee is not null && assignee != user.Actor)
            {
                mail.QueueToStaff("staff-assigned", assignee, new Dictionary<string, string>
                {
                    ["Reference"] = request.Reference,
                    ["DueOn"] = request.CurrentDueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["AssignedBy"] = user.Actor,
                }, request.Id);
            }
            return Unit.Value;
        }
    }
}
