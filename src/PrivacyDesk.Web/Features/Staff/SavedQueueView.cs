namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// A staff member's default queue view (0080_saved_queue_views.sql): the filters and sort the queue opens with
/// when its address carries none. No search term is kept: it may be a data subject's name or e-mail address.
/// </summary>
public sealed class SavedQueueView
{
    public Guid UserId { get; set; }
    public RequestType? Type { get; set; }
    public RequestStatus? Status { get; set; }
    public Channel? Channel { get; set; }
    public string? Assignee { get; set; }
    public SearchQueue.DueWindow? DueWindow { get; set; }
    public SearchQueue.QueueFlag? Flag { get; set; }
    public DateOnly? DueFrom { get; set; }
    public DateOnly? DueTo { get; set; }
    public SearchQueue.SortColumn Sort { get; set; }
    public bool Descending { get; set; }
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The queue query this view stands for (first page).</summary>
    public SearchQueue.Query ToQuery() => new()
    {
        Type = Type, Status = Status, Channel = Channel, Assignee = Assignee, Window = DueWindow, Flag = Flag,
        DueFrom = DueFrom, DueTo = DueTo, Sort = Sort, Descending = Descending,
    };
}
