using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>Back-office work that must happen outside PrivacyDesk, with the plan line it comes from.</summary>
public sealed class WorkTask
{
    private WorkTask() { }

    public WorkTask(Guid requestId, WorkTaskKind kind, string title, string instructions, string planLine,
        DateTimeOffset now, Guid? recipientId = null, string? preparedMessage = null)
    {
        RequestId = requestId;
        Kind = kind;
        Title = title;
        Instructions = instructions;
        PlanLine = planLine;
        CreatedAt = now;
        RecipientId = recipientId;
        PreparedMessage = preparedMessage;
    }

    public Guid Id { get; private set; } = Ids.New();
    public Guid RequestId { get; private set; }
    public WorkTaskKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Instructions { get; private set; } = "";

    /// <summary>Why: the plan line (outcome, reason, article) this task carries out.</summary>
    public string PlanLine { get; private set; } = "";

    public Guid? RecipientId { get; private set; }
    public string? PreparedMessage { get; private set; }
    public WorkTaskStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }
    public string? Note { get; private set; }

    public void Finish(WorkTaskStatus status, string? note, string actor, DateTimeOffset now)
    {
        if (Status != WorkTaskStatus.Open)
            throw new DomainException("task.done", "This task is already finished.");
        if (status == WorkTaskStatus.Open)
            throw new DomainException("task.status", "Choose done or not possible.");
        // Art. 19: "impossible or disproportionate effort" must be recorded with its reason.
        if (status == WorkTaskStatus.NotPossible && string.IsNullOrWhiteSpace(note))
            throw new DomainException("task.reason", "Say why the task is not possible.", "ER-9");
        Status = status;
        Note = note?.Trim();
        DoneBy = actor;
        DoneAt = now;
    }
}
