using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Execution;

/// <summary>
/// LH-3: placing a legal hold restricts the held data at once (left out of search, exports and selections like any
/// Art. 18 restriction); LH-7: lifting it undoes exactly that, while data an Art. 18 request restricted stay restricted.
/// </summary>
public sealed class LegalHoldRestrictionTests(AppFixture app) : IntegrationTest(app)
{
    private void Newsletter(Candidate c) => c.Consents.Add(new Consent
    {
        CandidateId = c.Id, PurposeCode = "newsletter", GivenAt = App.Clock.GetUtcNow().AddYears(-1), Method = "web", CollectedOn = new DateOnly(2025, 11, 1),
    });

    private Task<Guid> PlaceAsync(Guid candidateId, params string[] purposes) => App.SendAsync(new PlaceLegalHold.Command
    {
        CandidateId = candidateId, PurposeCodes = [.. purposes], Reason = LegalHoldReason.Litigation, ExternalReference = "AR/2026/" + purposes[0],
        Description = "Claim before the labour court", EndCondition = "Final judgment plus appeal period", ReviewOn = new DateOnly(2027, 3, 1),
    }, Roles.Dpo);

    private async Task<bool> FoundAsync(Guid id, string text) =>
        (await App.SendAsync(new CandidateSearch.Query { Text = text }, Roles.BackOffice)).Any(h => h.Id == id);

    private async Task<bool> SelectedAsync(Guid id) =>
        (await App.SendAsync(new MarketingSelection.Query { PurposeCode = "newsletter" }, Roles.BackOffice)).Any(r => r.CandidateId == id);

    private async Task<bool> ExportedAsync(Guid id)
    {
        try
        {
            await App.SendAsync(new GetCandidate.Query { CandidateId = id }, Roles.Intake);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Should_leave_held_data_out_of_search_selection_and_the_candidate_export_as_soon_as_the_hold_is_placed_LH3()
    {
        await App.ImportPackAsync("asap");
        var held = await App.AddCandidateAsync(c => { c.LastName = "Bewaarplicht"; c.ExternalReference = null; Newsletter(c); }, seed: 21);
        var other = await App.AddCandidateAsync(c => { c.LastName = "Bewaarplichtig"; c.ExternalReference = null; Newsletter(c); }, seed: 22);
        Assert.True(await FoundAsync(held.Id, "bewaarplicht"));
        Assert.True(await SelectedAsync(held.Id));

        var holdId = await PlaceAsync(held.Id, "application");

        // No erasure or restriction request was executed: the hold alone restricts.
        Assert.False(await FoundAsync(held.Id, "bewaarplicht"));
        Assert.True(await FoundAsync(other.Id, "bewaarplicht"));
        Assert.False(await SelectedAsync(held.Id));
        Assert.True(await SelectedAsync(other.Id));
        Assert.False(await ExportedAsync(held.Id));
        var profile = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == held.Id));
        Assert.True(profile.Restricted);
        Assert.Equal(holdId, profile.RestrictedByHoldId);
        Assert.Null(profile.RestrictedByRequestId);
        var applications = await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().Where(a => a.CandidateId == held.Id).ToListAsync());
        Assert.NotEmpty(applications);
        Assert.All(applications, a => Assert.Equal(holdId, a.RestrictedByHoldId));
        Assert.Empty(await App.WithDbAsync(db => db.Applications.Where(a => a.CandidateId == held.Id).ToListAsync()));
        var audit = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.LegalHoldId == holdId && e.Type == "hold.placed"));
        Assert.Contains("restricted (LH-3)", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_restrict_only_the_record_sets_of_the_held_purpose_LH2_LH3()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddCandidateAsync(c => c.ExternalReference = null, seed: 23);
        var payroll = await App.WithDbAsync(db => db.PayrollRecords.CountAsync(p => p.CandidateId == worker.Id));
        var assignments = await App.WithDbAsync(db => db.Assignments.CountAsync(p => p.CandidateId == worker.Id));
        Assert.True(payroll > 0 && assignments > 0);

        await PlaceAsync(worker.Id, "payroll");

        // The profile is not held by a payroll hold: it stays visible; payroll and assignments are left out.
        var view = await App.SendAsync(new GetCandidate.Query { CandidateId = worker.Id }, Roles.Intake);
        Assert.Equal(payroll + assignments, view.RestrictedRecordsOmitted);
        Assert.Equal(0, await App.WithDbAsync(db => db.PayrollRecords.CountAsync(p => p.CandidateId == worker.Id)));
        Assert.True(await App.WithDbAsync(db => db.Applications.AnyAsync(a => a.CandidateId == worker.Id)));
    }

    [Fact]
    public async Task Should_lift_exactly_the_holds_restriction_and_keep_what_an_art18_request_restricted_LH7()
    {
        await App.ImportPackAsync("asap");
        var today = new DateOnly(2026, 11, 20);
        var person = await App.AddCandidateAsync(c =>
        {
            c.LastName = "Opheffing";
            c.ExternalReference = null;
            Newsletter(c);
            c.Applications.Add(new Application { CandidateId = c.Id, VacancyTitle = "Magazijnier", AppliedOn = today, CollectedOn = today });
            c.Applications.Add(new Application { CandidateId = c.Id, VacancyTitle = "Orderpicker", AppliedOn = today, CollectedOn = today });
        }, seed: 24);
        var art18 = await App.AddRequestAsync(person, RequestType.Restriction);
        var applications = await App.WithDbAsync(db => db.Applications.Where(a => a.CandidateId == person.Id).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.True(applications.Count >= 2);
        var contested = applications[0];
        // RS-1: the person contested one application; it was restricted by their Art. 18 request before any hold.
        await App.WithDbAsync(async db =>
        {
            var a = await db.Applications.FirstAsync(x => x.Id == contested);
            a.Restricted = true;
            a.RestrictedByRequestId = art18.Id;
            return await db.SaveChangesAsync();
        });
        var holdId = await PlaceAsync(person.Id, "application");
        Assert.False(await FoundAsync(person.Id, "opheffing"));

        var result = await App.SendAsync(new LiftLegalHold.Command { HoldId = holdId, Reason = "Claim withdrawn" }, Roles.Dpo);

        Assert.Equal(person.Id, result.CandidateId);
        Assert.True(await FoundAsync(person.Id, "opheffing"));
        Assert.True(await SelectedAsync(person.Id));
        Assert.True(await ExportedAsync(person.Id));
        var after = await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AsNoTracking().Where(a => a.CandidateId == person.Id).ToListAsync());
        Assert.All(after, a => Assert.Null(a.RestrictedByHoldId));
        var stillContested = Assert.Single(after, a => a.Id == contested);
        Assert.True(stillContested.Restricted);
        Assert.Equal(art18.Id, stillContested.RestrictedByRequestId);
        Assert.Contains(after, a => a.Id != contested);
        Assert.All(after.Where(a => a.Id != contested), a => Assert.False(a.Restricted));
        Assert.DoesNotContain(await App.WithDbAsync(db => db.Applications.Where(a => a.CandidateId == person.Id).Select(a => a.Id).ToListAsync()), id => id == contested);
    }

    [Fact]
    public async Task Should_keep_a_profile_restricted_by_an_art18_request_restricted_after_the_hold_is_lifted_LH7_RS2()
    {
        await App.ImportPackAsync("asap");
        var person = await App.AddCandidateAsync(c => { c.LastName = "Beperkt"; c.ExternalReference = null; Newsletter(c); }, seed: 25);
        var request = await App.AddRequestAsync(person, RequestType.Restriction);
        await App.DecideAsync(request.Id);
        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        var holdId = await PlaceAsync(person.Id, "application");

        await App.SendAsync(new LiftLegalHold.Command { HoldId = holdId, Reason = "Claim settled" }, Roles.Dpo);

        var profile = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == person.Id));
        Assert.True(profile.Restricted);
        Assert.Equal(request.Id, profile.RestrictedByRequestId);
        Assert.False(await FoundAsync(person.Id, "beperkt"));
        Assert.False(await SelectedAsync(person.Id));
    }

    [Fact]
    public async Task Should_keep_held_data_restricted_when_an_art18_restriction_is_lifted_and_hand_over_between_holds_LH3_LH7()
    {
        await App.ImportPackAsync("asap");
        var person = await App.AddCandidateAsync(c => { c.LastName = "Tweevoud"; c.ExternalReference = null; }, seed: 26);
        var first = await PlaceAsync(person.Id, "application");
        var second = await PlaceAsync(person.Id, "application", "temporary-work");

        // RS-4 lift of an Art. 18 restriction does not lift what an active hold restricted.
        await App.SendAsync(new LiftRestriction.Command { CandidateId = person.Id, AtPersonsOwnRequest = true, Reason = "asked by e-mail" }, Roles.BackOffice);
        Assert.False(await FoundAsync(person.Id, "tweevoud"));

        // The first lift leaves the data restricted: the second hold still covers them.
        await App.SendAsync(new LiftLegalHold.Command { HoldId = first, Reason = "First claim settled" }, Roles.Dpo);
        Assert.False(await FoundAsync(person.Id, "tweevoud"));
        var profile = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == person.Id));
        Assert.Equal(second, profile.RestrictedByHoldId);

        await App.SendAsync(new LiftLegalHold.Command { HoldId = second, Reason = "Second claim settled" }, Roles.Dpo);
        Assert.True(await FoundAsync(person.Id, "tweevoud"));
    }
}
