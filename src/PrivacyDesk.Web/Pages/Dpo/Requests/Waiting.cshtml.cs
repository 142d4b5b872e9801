using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>
/// Waiting for the person and fees on one request (CLK-2, CLK-3, CLK-4, FEE-2, FEE-6..FEE-8): ask with the necessity
/// recorded, record an answer that came by post or phone, classify as manifestly unfounded or excessive, set a fee
/// and record its payment or refusal. Each action returns to the request page.
/// </summary>
public sealed class Waiting(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public View Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    protected override async Task ReloadAsync() => Data = await mediator.Send(new Query { Id = Id });

    public Task<IActionResult> OnPostAskAsync(AskRequester.Command command) => Run(command);

    public Task<IActionResult> OnPostAnswerAsync(RecordAnswer.Command command) => Run(command);

    public Task<IActionResult> OnPostClassifyAsync(ClassifyRequest.Command command) => Run(command);

    public Task<IActionResult> OnPostFeeAsync(ChargeFee.Command command) => Run(command);

    public Task<IActionResult> OnPostPaymentAsync(RecordFeePayment.Command command) => Run(command);

    private async Task<IActionResult> Run(IRequest<Unit> command)
    {
        await mediator.Send(command);
        TempData["flash"] = "Saved";
        return RedirectToPage("/Dpo/Requests/Details", new { id = Id });
    }

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

    public sealed class QueryHandler(PrivacyDeskDbContext db) : IRequestHandler<Query, View>
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
