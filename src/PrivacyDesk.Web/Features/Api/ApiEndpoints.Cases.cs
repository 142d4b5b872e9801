using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Retention;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// The DPO's and the back office's work on a request (identity, decision, extension,
/// execution, tasks, final answer, close), legal holds and the retention sweep. Each endpoint sends the command
/// the staff pages send — the same handler, roles, validation and domain rules.
/// </summary>
public static partial class ApiEndpoints
{
    private static void MapCases(RouteGroupBuilder api)
    {
        api.MapPost("/requests/{id:guid}/identity", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var input = await ApiBody.ReadAsync<IdentityInput>(http);
                var version = ApiVersions.Expected(http, input.Version) ?? 0;
                IRequest<Unit> command = input.Action switch
                {
                    IdentityAction.Verify => new VerifyIdentity.Command { RequestId = id, Version = version, CandidateId = input.CandidateId, Why = input.Why, Method = input.Method },
                    IdentityAction.AskForInformation => new AskRequester.Command { RequestId = id, Version = version, Reason = input.Reason, Why = input.Why, Message = input.Message, Necessary = input.Necessary },
                    IdentityAction.RecordAnswer => new Requests.RecordAnswer.Command { RequestId = id, Version = version, Summary = input.Summary, ReceivedOn = input.ReceivedOn },
                    IdentityAction.NoDataHeld => new MarkNoData.Command { RequestId = id, Version = version },
                    _ => throw ApiVersions.Missing("action", "Use Verify, AskForInformation, RecordAnswer or NoDataHeld."),
                };
                await mediator.Send(command, http.RequestAborted);
                return TypedResults.Ok(await ApiVersions.ViewAfterAsync(http, mediator, id));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<IdentityInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("SettleIdentity")
            .WithSummary("Verify the requester's identity against a candidate, ask for more information, or record that no data are held (Dpo keys)")
            .WithDescription("The identity panel of the DPO's request page. Verify links the candidate and deletes uploaded proofs (ID-4, ID-6); AskForInformation records why (ID-1), e-mails the message and stops the clock (CLK-2); NoDataHeld answers that nothing is held. Send the version (or If-Match) to be sure nobody changed the request since you read it: a stale one is 409.");

        api.MapPost("/requests/{id:guid}/decision", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var input = await ApiBody.ReadAsync<DecisionInput>(http);
                var outcome = input.Outcome ?? throw ApiVersions.Missing("outcome", "Use Approved, PartiallyApproved or Refused.");
                var version = ApiVersions.Expected(http, input.Version) ?? throw new ApiRequestException(StatusCodes.Status428PreconditionRequired, "version-required",
                    "A decision must name the version it was taken on: send If-Match with the ETag of GET /api/v1/requests/{id}, or \"version\" in the body.");
                await mediator.Send(new DecideRequest.Command
                {
                    RequestId = id, Version = version, Outcome = outcome, ReasonCode = input.ReasonCode, ReasonDetails = input.ReasonDetails,
                    RefusedSubRequests = input.RefusedSubRequests,
                }, http.RequestAborted);
                return TypedResults.Ok(await ApiVersions.ViewAfterAsync(http, mediator, id));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<DecisionInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("DecideRequest")
            .WithSummary("Approve, partially approve or refuse a request, on the version you read (Dpo keys)")
            .WithDescription("The plan as it stands is stored on each sub-request and the requester is told (Art. 12(4): reasons, complaint and remedy, N1). A refusal or partial approval needs reasonCode (N1); identity must be settled before approval (ID-1, 422). Optimistic concurrency: If-Match with the ETag of GET /api/v1/requests/{id}, or version in the body, is required (428 without); a stale version is 409 and nothing is saved.");

        api.MapPost("/requests/{id:guid}/extension", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var input = await ApiBody.ReadAsync<ExtensionInput>(http);
                var version = ApiVersions.Expected(http, input.Version) ?? 0;
                // Without newDueOn the extension runs to the latest date EXT-3 allows (the request's maxExtendedDueOn).
                var newDueOn = input.NewDueOn ?? (await mediator.Send(new GetRequestStatus.Query { RequestId = id }, http.RequestAborted)).MaxExtendedDueOn;
                await mediator.Send(new ExtendRequest.Command
                {
                    RequestId = id, Version = version, ReasonCode = input.ReasonCode, ReasonDetails = input.ReasonDetails, NewDueOn = newDueOn,
                }, http.RequestAborted);
                return TypedResults.Ok(await ApiVersions.ViewAfterAsync(http, mediator, id));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<ExtensionInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("ExtendRequest")
            .WithSummary("Extend the deadline once, with a coded reason, before the un-extended due date (Dpo keys)")
            .WithDescription("EXT-1..EXT-5: at most once (EXT-5), notified by the un-extended due date (EXT-2), to a date after it and no later than maxExtendedDueOn (EXT-3; newDueOn omitted = maxExtendedDueOn), with one of the accepted reasons (EXT-4). Refusals by a rule are 422 with its ruleId. The requester is e-mailed the reasons.");

        api.MapPost("/requests/{id:guid}/execution", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var result = await mediator.Send(new ExecutePlan.Command { RequestId = id }, http.RequestAborted);
                var tasks = await mediator.Send(new ListRequestTasks.Query { RequestId = id }, http.RequestAborted);
                return TypedResults.Ok(new ExecutionView(id, result.Status, result.StepsRun, result.AlreadyDone, tasks));
            })
            .AddEndpointFilter(IdempotencyFilter.Outside)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("ExecuteRequest")
            .WithSummary("Carry out an approved request's plan (BackOffice and Dpo keys); idempotent")
            .WithDescription("Each sub-request in the 2.0.8 order in its own transaction, then the Art. 19 notification, external-erasure and final-answer tasks, and the request is Completed. Running it again continues where a failure stopped it, and on a finished request changes nothing (alreadyDone = true). No body.");

        api.MapGet("/requests/{id:guid}/tasks", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListRequestTasks.Query { RequestId = id }, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListRequestTasks")
            .WithSummary("The back-office tasks of a carried-out request: Art. 19 notifications with their prepared messages, erasure elsewhere, final answer (BackOffice and Dpo keys)");

        api.MapPost("/tasks/{taskId:guid}/finish", async (Guid taskId, HttpContext http, IMediator mediator) =>
            {
                var input = await ApiBody.ReadAsync<FinishTaskInput>(http);
                await mediator.Send(new FinishTask.Command { TaskId = taskId, Status = input.Status, Note = input.Note }, http.RequestAborted);
                await ApiVersions.SaveInsideKeyTransactionAsync(http);
                return TypedResults.Ok(await mediator.Send(new GetTask.Query { TaskId = taskId }, http.RequestAborted));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<FinishTaskInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("FinishTask")
            .WithSummary("Mark a back-office task done, or not possible with the reason (Art. 19) (BackOffice and Dpo keys)");

        api.MapPost("/requests/{id:guid}/final-answer", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var sent = await mediator.Send(new SendFinalAnswer.Command { RequestId = id }, http.RequestAborted);
                return TypedResults.Ok(new FinalAnswerView(id, sent.Template, sent.MessageId, await ApiVersions.ViewAfterAsync(http, mediator, id)));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("SendFinalAnswer")
            .WithSummary("Send the final answer of a completed or refused request (BackOffice and Dpo keys)")
            .WithDescription("ER-10, 2.0.6: what was done, what is kept with its ground and date, the recipients notified and the complaint block, in the request's language; queued in the outbox in the same transaction that records it. Before the plan is carried out it is 422 (ER-10); a second time, 422. No body.");

        api.MapPost("/requests/{id:guid}/close", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                await mediator.Send(new CloseCase.Command { RequestId = id }, http.RequestAborted);
                return TypedResults.Ok(await ApiVersions.ViewAfterAsync(http, mediator, id));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("CloseRequest")
            .WithSummary("Close a case whose final answer was sent and whose tasks are all finished (BackOffice and Dpo keys)")
            .WithDescription("Refused with 422 while the final answer has not been sent (close.no-answer) or a task is still open (close.open-tasks). No body.");

        api.MapGet("/requests/{id:guid}/package", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRequestPackage.Query { RequestId = id }, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("GetRequestPackage")
            .WithSummary("The access report / portability archive of an approved request: metadata and a download URL valid until expiresAt (BackOffice and Dpo keys)")
            .WithDescription("Built on first call once the request is approved (the snapshot of the data as they are then, ACC-2), which also e-mails the requester their own download link; later calls return the same unexpired package. 404 package-not-available when the request has no approved access or portability part or is not approved yet. downloadUrl needs a BackOffice or Dpo key.");

        api.MapGet("/packages/{packageId:guid}/content", async (Guid packageId, HttpContext http, IMediator mediator) =>
            {
                var file = await mediator.Send(new DownloadPackage.Command { PackageId = packageId }, http.RequestAborted);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/zip", "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("DownloadPackage")
            .WithSummary("The package file, until it expires (BackOffice and Dpo keys; audited)");
    }

    private static void MapLegalHolds(RouteGroupBuilder api)
    {
        api.MapPost("/legal-holds", async (HttpContext http, IMediator mediator) =>
            {
                var input = await ApiBody.ReadAsync<PlaceLegalHoldInput>(http);
                var reason = input.Reason ?? throw ApiVersions.Missing("reason", "Use Litigation, Dispute, AuthorityInquiry, InsuranceClaim, DpaComplaint or Other.");
                var id = await mediator.Send(new PlaceLegalHold.Command
                {
                    CandidateId = input.CandidateId, AllPurposes = input.AllPurposes, PurposeCodes = input.PurposeCodes, Reason = reason,
                    ExternalReference = input.ExternalReference, Description = input.Description, Justification = input.Justification,
                    EndCondition = input.EndCondition, ReviewOn = input.ReviewOn,
                }, http.RequestAborted);
                await ApiVersions.SaveInsideKeyTransactionAsync(http);
                var view = await mediator.Send(new GetLegalHold.Query { HoldId = id }, http.RequestAborted);
                return TypedResults.Created($"{Prefix}/legal-holds/{id}", view);
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<PlaceLegalHoldInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PlaceLegalHold")
            .WithSummary("Place a legal hold on a candidate's data (Dpo keys)")
            .WithDescription("LH-2: the narrowest scope — purposeCodes from the register, or allPurposes with a written justification; LH-5: reference, description, end condition and a review date at most 6 months ahead. While it is active, erasure and retention of the covered data are deferred and audited (LH-3, LH-8).");

        api.MapGet("/legal-holds/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetLegalHold.Query { HoldId = id }, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetLegalHold")
            .WithSummary("One legal hold (Dpo keys)");

        api.MapGet("/legal-holds", async (HttpContext http, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(ParseHoldQuery(http.Request.Query), http.RequestAborted)))
            .ProducesValidationProblem()
            .WithName("ListLegalHolds")
            .WithSummary($"Legal holds, newest first: candidateId and active (true/false) filter; at most {ListLegalHolds.Limit} (Dpo keys)");

        api.MapDelete("/legal-holds/{id:guid}", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                string? reason = http.Request.Query["reason"].ToString() is { Length: > 0 } q ? q : null;
                if (http.Request.ContentLength > 0 || (http.Request.ContentLength is null && http.Request.ContentType is not null))
                {
                    var input = await ApiBody.ReadAsync<LiftLegalHoldInput>(http);
                    if (reason is not null && input.Reason is not null && reason != input.Reason)
                        throw ApiVersions.Missing("reason", "Give the reason once: in the body or as ?reason=, not two different ones.");
                    reason ??= input.Reason;
                }
                var lifted = await mediator.Send(new LiftLegalHold.Command { HoldId = id, Reason = reason }, http.RequestAborted);
                var view = await mediator.Send(new GetLegalHold.Query { HoldId = id }, http.RequestAborted);
                return TypedResults.Ok(new LiftedLegalHoldView(view, lifted.Sweep is null ? null : SweepView.From(lifted.Sweep)));
            })
            .AddEndpointFilter(IdempotencyFilter.Outside)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("LiftLegalHold")
            .WithSummary("Lift a legal hold; the erasures it held are carried out at once (Dpo keys)")
            .WithDescription("LH-4: lifting a hold placed by someone else needs a reason (in the body as {\"reason\": …} or as ?reason=). LH-7: right after the lift commits, the retention sweep runs for the hold's candidate, so deferred erasures and expired retention are carried out now; its report is in sweep (sweep.ran = false when a full sweep was running: the next sweep does it). Lifting twice is 422.");
    }

    private static void MapRetention(RouteGroupBuilder api)
    {
        api.MapPost("/retention/sweep", async Task<Results<Ok<SweepView>, ProblemHttpResult>> (HttpContext http, IMediator mediator) =>
            {
                var raw = http.Request.Query["dryRun"].ToString();
                bool dryRun = false;
                if (raw.Length > 0 && !bool.TryParse(raw, out dryRun))
                    throw ApiVersions.Missing("dryRun", "Use true or false.");
                var report = await mediator.Send(new RunRetentionSweep.Command { DryRun = dryRun }, http.RequestAborted);
                if (!report.Ran)
                    return TypedResults.Problem("Another retention sweep is running; nothing was done. Retry when it has finished.", statusCode: StatusCodes.Status409Conflict,
                        title: "Conflict.", type: ApiProblems.TypeUri("sweep-running"), extensions: new Dictionary<string, object?> { ["code"] = "sweep-running" });
                return TypedResults.Ok(SweepView.From(report));
            })
            .AddEndpointFilter(IdempotencyFilter.Outside)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RunRetentionSweep")
            .WithTags("Retention")
            .WithSummary("Run the retention sweep now, or count what it would do with ?dryRun=true (Dpo and Admin keys)")
            .WithDescription("What has passed its retention date is erased or anonymised per record set and rule (RET-6..RET-11), deferred erasures whose date has come are carried out (ER-7, LH-7), data under an active legal hold (LH-3, audited LH-8) and of candidates with an open access request (ACC-3) are skipped, closed case files are minimised (RET-12). The report counts per record set, rule and action; nothing else. No body.");
    }

    private static ListLegalHolds.Query ParseHoldQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Guid? candidate = null;
        bool? active = null;
        if (query["candidateId"].ToString() is { Length: > 0 } rawCandidate)
        {
            if (Guid.TryParse(rawCandidate, CultureInfo.InvariantCulture, out var c))
                candidate = c;
            else
                errors["candidateId"] = ["Use the candidate's id (a UUID)."];
        }
        if (query["active"].ToString() is { Length: > 0 } rawActive)
        {
            if (bool.TryParse(rawActive, out var a))
                active = a;
            else
                errors["active"] = ["Use true or false."];
        }
        if (errors.Count > 0)
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "validation", "One or more query parameters are invalid.", errors);
        return new ListLegalHolds.Query { CandidateId = candidate, Active = active };
    }
}
