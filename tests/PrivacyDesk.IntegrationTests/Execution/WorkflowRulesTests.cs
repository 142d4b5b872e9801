using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.IntegrationTests.Execution;

/// <summary>
/// The workflow rules a DPO relies on, on real PostgreSQL: the balancing per purpose (OB-2, ER-2), completion
/// only when every task is finished and an answer that states what was done (ER-10, OB-4), Art. 19 notices to
/// exactly the recipients of the data concerned (ER-9, RS-5, CW-4, OB-3), and the ACC-6 review of e-mails.
/// </summary>
public sealed class WorkflowRulesTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Erasure = ["erasure"];

    private async Task<OutboxMessage> AnswerAsync(Guid requestId)
    {
        var result = await App.SendAsync(new SendFinalAnswer.Command { RequestId = requestId }, Roles.BackOffice);
        return await App.WithDbAsync(db => db.Outbox.AsNoTracking().FirstAsync(m => m.Id == result.MessageId));
    }

    private Task<List<WorkTask>> TasksAsync(Guid requestId) =>
        App.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.RequestId == requestId).ToListAsync());

    private Task<DataSubjectRequest> RequestAsync(Guid requestId) =>
        App.WithDbAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == requestId));

    private async Task<RequestPlan> PlanAsync(Guid requestId, RequestType type) =>
        (await App.SendAsync(new GetRequestPlan.Query { RequestId = requestId }, Roles.Dpo)).SubRequests.Single(s => s.Type == type).Plan;

    // ---- OB-2, ER-2: the balancing per purpose ----

    [Fact]
    public async Task Should_keep_a_purpose_the_DPO_found_compelling_grounds_for_and_stop_the_other_OB2()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Objection);
        await App.SetDetailsAsync(request.Id, """{"purposeCodes":["satisfaction-survey","contact-form"]}""");

        await App.SendAsync(new RecordBalancing.Command
        {
            RequestId = request.Id, PurposeCode = "satisfaction-survey", CompellingGrounds = true,
            Grounds = "Survey answers are the only record of the complaint about a client's safety instructions.",
        }, Roles.Dpo);
        await App.SendAsync(new RecordBalancing.Command { RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = false }, Roles.Dpo);

        var plan = await PlanAsync(request.Id, RequestType.Objection);
        var survey = plan.Lines.Where(l => l.PurposeCode == "satisfaction-survey").ToList();
        Assert.NotEmpty(survey);
        Assert.All(survey, l => Assert.Equal(PlanOutcome.Keep, l.Outcome));
        Assert.Contains("only record of the complaint", survey[0].Reason.En, StringComparison.Ordinal);
        var contact = plan.Lines.Where(l => l.PurposeCode == "contact-form").ToList();
        Assert.Contains(contact, l => l.Outcome == PlanOutcome.StopProcessing && l.Reason.En.Contains("found no compelling legitimate grounds", StringComparison.Ordinal));

        var events = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RequestId == request.Id && e.Type == "balancing.recorded").ToListAsync());
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Should_keep_legitimate_interest_data_on_erasure_only_for_the_balanced_purpose_ER2_ER3()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.SendAsync(new RecordBalancing.Command
        {
            RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = true, Grounds = "The question is the subject of an ongoing labour inspection.",
        }, Roles.Dpo);

        var plan = await PlanAsync(request.Id, RequestType.Erasure);

        Assert.Contains(plan.Lines, l => l.PurposeCode == "contact-form" && l.Outcome == PlanOutcome.Keep && l.Reason.En.Contains("labour inspection", StringComparison.Ordinal));
        Assert.Contains(plan.Lines, l => l.PurposeCode == "satisfaction-survey" && l.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise);
    }

    [Fact]
    public async Task Should_refuse_a_balancing_without_grounds_for_a_non_objectable_purpose_or_after_the_decision_and_audit_the_change()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Objection);

        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new RecordBalancing.Command
        {
            RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = true, Grounds = "  ",
        }, Roles.Dpo));
        var basis = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new RecordBalancing.Command
        {
            RequestId = request.Id, PurposeCode = "payroll", CompellingGrounds = true, Grounds = "Legal obligation.",
        }, Roles.Dpo));
        Assert.Equal("OB-4", basis.Rule);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<PurposeBalancing>().CountAsync(b => b.RequestId == request.Id)));

        await App.SendAsync(new RecordBalancing.Command { RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = false }, Roles.Dpo);
        await App.SendAsync(new RecordBalancing.Command { RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = true, Grounds = "Needed to answer a pending question." }, Roles.Dpo);
        var changes = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RequestId == request.Id && e.Type == "balancing.recorded").Select(e => e.Data).ToListAsync());
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, d =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(d!);
            return json.RootElement.GetProperty("before").ValueKind == System.Text.Json.JsonValueKind.Object
                && !json.RootElement.GetProperty("before").GetProperty("compelling").GetBoolean()
                && json.RootElement.GetProperty("after").GetProperty("compelling").GetBoolean();
        });

        await App.DecideAsync(request.Id);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new RecordBalancing.Command { RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = false }, Roles.Dpo));
        await Assert.ThrowsAsync<PrivacyDesk.Web.Infrastructure.Mediation.ForbiddenException>(() => App.SendAsync(new RecordBalancing.Command
        {
            RequestId = request.Id, PurposeCode = "contact-form", CompellingGrounds = false,
        }, Roles.BackOffice));
    }

    // ---- ER-10: completion only when every task is finished; the answer states what was done ----

    [Fact]
    public async Task Should_complete_only_after_every_task_and_state_the_recipients_informed_and_not_informed_ER10_ER6()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        var executed = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        // Old behaviour: Completed at once, and the answer could go out with every notice still open.
        Assert.Equal(RequestStatus.InExecution, executed.Status);
        var refused = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new SendFinalAnswer.Command { RequestId = request.Id }, Roles.BackOffice));
        Assert.Equal("ER-10", refused.Rule);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new CloseCase.Command { RequestId = request.Id }, Roles.BackOffice));

        var notices = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).OrderBy(t => t.Title).ToList();
        Assert.True(notices.Count >= 2);
        var impossible = notices[0];
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new FinishTask.Command { TaskId = impossible.Id, Status = WorkTaskStatus.NotPossible, Note = "" }, Roles.BackOffice));
        await App.FinishTasksAsync(request.Id, t => t.Id == impossible.Id
            ? (WorkTaskStatus.NotPossible, "the company was dissolved in 2025 and has no successor")
            : (WorkTaskStatus.Done, "Sent; proof kept."));

        Assert.Equal(RequestStatus.Completed, (await RequestAsync(request.Id)).Status);
        var mail = await AnswerAsync(request.Id);
        var informed = notices.Skip(1).Select(t => SendFinalAnswer.RecipientName(t.Title)).ToList();
        Assert.All(informed, name => Assert.Contains("- " + name, mail.BodyText, StringComparison.Ordinal));
        Assert.Contains($"- {SendFinalAnswer.RecipientName(impossible.Title)}: not informed, because the company was dissolved in 2025", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("Copies outside our case system", mail.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_an_objection_to_payroll_with_the_OB4_reason_not_as_approved_with_nothing_done()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Objection);
        await App.SetDetailsAsync(request.Id, """{"purposeCodes":["payroll"]}""");
        await App.DecideAsync(request.Id);
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var mail = await AnswerAsync(request.Id);

        Assert.Equal("final-answer-refused", mail.Template);
        Assert.Contains("is required by law; objection does not apply", mail.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("OB-4", mail.BodyText, StringComparison.Ordinal); // rule IDs are for staff; the candidate reads the reason and article
        Assert.DoesNotContain("(none)", mail.BodyText, StringComparison.Ordinal);
    }

    // ---- Art. 19: exactly the recipients of the data concerned ----

    [Fact]
    public async Task Should_not_notify_authorities_of_data_that_were_kept_on_erasure_ER9()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var titles = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).Select(t => t.Title).ToList();
        // Payroll and tax records are kept (17(3)(b)): the RSZ/ONSS and FPS Finance received nothing that changed.
        Assert.DoesNotContain(titles, t => t.Contains("RSZ / ONSS", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("FPS Finance", StringComparison.Ordinal));
        // The survey firm's data were erased (ER-3): it is told.
        Assert.Contains(titles, t => t.Contains("IPG Contact Solutions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_tell_only_the_marketing_processor_of_a_newsletter_objection_never_a_client_company_OB3()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c =>
        {
            c.ClientDisclosures.Clear();
            c.ClientDisclosures.Add(new ClientDisclosure { CandidateId = c.Id, ClientCompany = "Acme NV", DisclosedOn = new DateOnly(2023, 3, 1), PurposeCode = "client-presentation", CollectedOn = new DateOnly(2023, 3, 1) });
        });
        var request = await App.AddRequestAsync(worker, RequestType.Objection);
        await App.SetDetailsAsync(request.Id, """{"marketing":true}""");
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var titles = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).Select(t => t.Title).ToList();
        Assert.DoesNotContain(titles, t => t.Contains("Acme NV", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("Social secretariat", StringComparison.Ordinal));
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains("Mailchimp", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_tell_a_client_company_of_an_erasure_of_the_data_it_received_from_the_ledger_ER9()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c =>
        {
            c.ClientDisclosures.Clear();
            c.ClientDisclosures.Add(new ClientDisclosure { CandidateId = c.Id, ClientCompany = "Brouwerij De Vos", DisclosedOn = new DateOnly(2023, 3, 1), PurposeCode = "application", CollectedOn = new DateOnly(2023, 3, 1) });
        });
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var titles = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).Select(t => t.Title).ToList();
        Assert.Single(titles, t => t.Contains("Brouwerij De Vos", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_tell_only_the_recipients_of_the_corrected_data_of_a_rectification_RECT7()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c => c.City = "Gent");
        var request = await App.AddRequestAsync(worker, RequestType.Rectification);
        await App.SetDetailsAsync(request.Id, """{"corrections":[{"recordSet":0,"field":"City","currentValue":"Gent","newValue":"Brugge"}]}""");
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var titles = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).Select(t => t.Title).ToList();
        // The profile went to the social secretariat (temporary work) and to the client in the ledger (application).
        Assert.Contains(titles, t => t.Contains("Social secretariat", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Notify client company ", StringComparison.Ordinal));
        // Payroll, tax and survey data were not corrected: their recipients are not told.
        Assert.DoesNotContain(titles, t => t.Contains("RSZ / ONSS", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("FPS Finance", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("IPG Contact Solutions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_tell_only_the_recipients_of_the_restricted_purpose_never_every_client_RS5()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Restriction);
        // 18(1)(d): the survey purpose is restricted while an objection to it is assessed.
        await App.SetDetailsAsync(request.Id, """{"restrictionGround":3,"purposeCodes":["satisfaction-survey"]}""");
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var titles = (await TasksAsync(request.Id)).Where(t => t.Kind == WorkTaskKind.NotifyRecipient).Select(t => t.Title).ToList();
        Assert.Contains(titles, t => t.Contains("IPG Contact Solutions", StringComparison.Ordinal));
        // The client in the ledger received the CV (application), not survey answers (old code: told anyway).
        Assert.DoesNotContain(titles, t => t.StartsWith("Notify client company ", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("Social secretariat", StringComparison.Ordinal));
    }

    // ---- ACC-6: the e-mail review blocks the access package ----

    [Fact]
    public async Task Should_hold_the_access_package_and_the_erasure_until_the_professional_emails_are_reviewed_ACC6_ER11()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync(c =>
        {
            foreach (var mail in c.ProfessionalEmails)
                mail.RedactedExtract = null;
        });
        var request = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        var first = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        // Old behaviour: the report was released saying "an extract will follow", and the case closed anyway.
        Assert.Equal(RequestStatus.InExecution, first.Status);
        Assert.False(await App.WithDbAsync(db => db.Packages.AnyAsync(p => p.RequestId == request.Id)));
        Assert.True(await App.WithDbAsync(db => db.ProfessionalEmails.IgnoreQueryFilters().AnyAsync(e => e.CandidateId == candidate.Id)), "erasure waits for the package (2.0.8)");
        var review = Assert.Single(await TasksAsync(request.Id), t => t.Kind == WorkTaskKind.ReviewProfessionalEmails);
        // Every path: the API's package endpoint builds through the same command, which refuses too.
        var direct = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new PrivacyDesk.Web.Features.Packages.BuildPackage.Command
        {
            RequestId = request.Id, SubRequestId = request.SubRequests.Single(s => s.Type == RequestType.Access).Id,
        }, Roles.BackOffice));
        Assert.Equal("ACC-6", direct.Rule);
        var tick = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new FinishTask.Command { TaskId = review.Id, Status = WorkTaskStatus.Done }, Roles.BackOffice));
        Assert.Equal("ACC-6", tick.Rule);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new ReviewProfessionalEmails.Command { RequestId = request.Id }, Roles.BackOffice));

        var view = await App.SendAsync(new ReviewProfessionalEmails.Query { RequestId = request.Id }, Roles.BackOffice);
        Assert.NotEmpty(view.Emails);
        await App.SendAsync(new ReviewProfessionalEmails.Command
        {
            RequestId = request.Id,
            Extracts = view.Emails.Select(e => new ReviewProfessionalEmails.Extract { EmailId = e.Id, Text = "Reviewed extract: your profile was sent to the client." }).ToList(),
        }, Roles.BackOffice);
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var package = await App.WithDbAsync(db => db.Packages.SingleAsync(p => p.RequestId == request.Id));
        Assert.Contains("Reviewed extract: your profile was sent to the client.", System.Text.Encoding.UTF8.GetString(package.Content), StringComparison.Ordinal);
        await App.FinishTasksAsync(request.Id);
        Assert.Equal(RequestStatus.Completed, (await RequestAsync(request.Id)).Status);
    }
}
