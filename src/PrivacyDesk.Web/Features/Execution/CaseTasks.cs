using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>A case's tasks, tracked, including those added in this transaction but not yet saved.</summary>
public static class CaseTasks
{
    public static async Task<IReadOnlyList<WorkTask>> LoadAsync(PrivacyDeskDbContext db, Guid requestId, CancellationToken ct)
    {
        await db.Tasks.Where(t => t.RequestId == requestId).LoadAsync(ct);
        return db.Tasks.Local.Where(t => t.RequestId == requestId).ToList();
    }

    /// <summary>Open work other than the final answer itself (which follows completion).</summary>
    public static int OpenWork(IEnumerable<WorkTask> tasks) =>
        tasks.Count(t => t.Kind != WorkTaskKind.SendFinalAnswer && t.Status == WorkTaskStatus.Open);
}
