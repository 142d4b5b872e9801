namespace PrivacyDesk.Web.Features.Staff;

/// <summary>The waiting and fee state of one request (CLK-2..CLK-4, FEE-*): the waiting page and the case page's panel.</summary>
public static class GetWaitingPanel
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<View>
    {
        public Guid Id { get; init; }
    }

    public sealed record WaitView(WaitingReason Reason, DateOnly RequestedOn, DateOnly AskedOn, DateOnly? ReceivedOn, bool Necessary, DateOnly? RemindedOn);

    public sealed record View(Guid Id, uint Version, string Reference, RequestStatus Status, WaitingReason? WaitingReason, DateOnly DueOn, bool DueIsProvisional,
        AbuseClassification? Classification, string? Facts, decimal? FeeAmount, string? FeeBasis, FeeStatus? FeeStatus, IReadOnlyList<WaitView> Waits)
    {
        public bool IsOpen => Status is not (RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Abandoned);
        public bool CanAsk => Status is RequestStatus.Received or RequestStatus.InReview or RequestStatus.AwaitingDataSubject;
        public bool CanRecordAnswer => Status == RequestStatus.AwaitingDataSubject && WaitingReason is not Domain.Requests.WaitingReason.Fee;
        public bool WaitsForFee => Status == RequestStatus.AwaitingDataSubject && WaitingReason == Domain.Requests.WaitingReason.Fee;
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = await db.Requests.AsNoTracking().Include(x => x.WaitingPeriods).FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Request");
            return new View(r.Id, r.Version, r.Reference, r.Status, r.WaitingReason, r.DueOn, r.DueIsProvisional, r.AbuseClassification, r.AbuseFacts,
                r.FeeAmount, r.FeeBasis, r.FeeStatus,
                r.WaitingPeriods.OrderBy(w => w.RequestedOn).Select(w => new WaitView(w.Reason, w.RequestedOn, w.AskedOn, w.ReceivedOn, w.Necessary, w.RemindedOn)).ToList());
        }
    }
}
