using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.IntegrationTests.Execution;

/// <summary>
/// A legal hold on one purpose, then an erasure, then the lift (LH-2, LH-3, LH-7, ER-2, ER-8): the erasure completes
/// exactly as the plan said, before the lift (only name, birth date and national number stay; suppression entry with
/// the national number hashed) and after it (the rest goes; the deferred entry is re-applied only then).
/// </summary>
public sealed class HoldErasureLiftTests(AppFixture app) : IntegrationTest(app)
{
    private const string NationalNumber = "90041212377";

    [Fact]
    public async Task Should_erase_a_held_profile_as_planned_before_and_after_the_lift_and_suppress_it_LH3_LH7_ER2_ER8()
    {
        await App.ImportPackAsync("asap");
        var protector = App.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(UpsertCandidate.NationalNumberPurpose);
        // A candidate who never worked through the agency: without the hold, everything would be erased at once.
        var person = await App.AddCandidateAsync(c =>
        {
            c.EmploymentStatus = EmploymentStatus.Candidate;
            c.LastWorkingDay = null;
            c.ExternalReference = "ATS-LH10";
            c.NationalNumberEncrypted = protector.Protect(NationalNumber);
            c.Assignments.Clear();
            c.PayrollRecords.Clear();
            c.TaxRecords.Clear();
            c.Complaints.Clear();
            c.Consents.Clear();
        });
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = person.Id, PurposeCodes = ["application"], Reason = LegalHoldReason.Dispute, ExternalReference = "D/2026/10",
            Description = "Dispute about a rejected application", EndCondition = "Dispute settled", ReviewOn = new DateOnly(2027, 3, 1),
        }, Roles.Dpo);
        var request = await App.AddRequestAsync(person, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var held = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == person.Id));
        // ER-7 as the plan says for a held profile: e-mail, phone and ATS reference go now; the identity stays, restricted.
        Assert.Null(held.Email);
        Assert.Null(held.Phone);
        Assert.Null(held.ExternalReference);
        Assert.Equal(person.LastName, held.LastName);
        Assert.NotNull(held.NationalNumberEncrypted);
        Assert.True(held.Restricted);
        Assert.True(await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AnyAsync(a => a.CandidateId == person.Id)), "LH-3: held records stay");
        await App.WithScopeAsync(async sp =>
        {
            // ER-8: a re-import matching on any one identifier is caught, the national number included.
            var list = sp.GetRequiredService<SuppressionList>();
            Assert.NotNull(await list.FindAsync(new SuppressionList.Identifiers(person.Email, null, null), CancellationToken.None));
            var byNationalNumber = await list.FindAsync(new SuppressionList.Identifiers(null, null, "90.04.12-123.77"), CancellationToken.None);
            Assert.NotNull(byNationalNumber);
            Assert.Equal(request.Reference, byNationalNumber.RequestReference);
        });

        await App.SendAsync(new LiftLegalHold.Command { HoldId = holdId, Reason = "Dispute settled" }, Roles.Dpo);

        var after = await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == person.Id));
        Assert.False(await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AnyAsync(a => a.CandidateId == person.Id)));
        Assert.NotNull(after.AnonymisedAt);
        Assert.True(string.IsNullOrEmpty(after.LastName));
        Assert.Null(after.NationalNumberEncrypted);
        var deferred = await App.WithDbAsync(db => db.ErasureLedger
            .Where(l => l.CandidateId == person.Id && l.RecordSet == "CandidateProfile" && l.Action == LedgerAction.DeferredByHold).ToListAsync());
        Assert.NotEmpty(deferred);
        Assert.All(deferred, l => Assert.NotNull(l.ReappliedAt));
    }

    [Fact]
    public async Task Should_refuse_to_lift_a_hold_without_a_reason_even_for_the_person_who_placed_it_LH7()
    {
        await App.ImportPackAsync("asap");
        var person = await App.AddCandidateAsync(c => c.ExternalReference = "ATS-LH7");
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = person.Id, PurposeCodes = ["payroll"], Reason = LegalHoldReason.Dispute, ExternalReference = "D/2026/11",
            Description = "Wage dispute", EndCondition = "Dispute settled", ReviewOn = new DateOnly(2027, 3, 1),
        }, Roles.Dpo);

        await Assert.ThrowsAnyAsync<Exception>(() => App.SendAsync(new LiftLegalHold.Command { HoldId = holdId, Reason = "  " }, Roles.Dpo));

        Assert.True(await App.WithDbAsync(db => db.LegalHolds.Where(h => h.Id == holdId).Select(h => h.LiftedAt == null).SingleAsync()));
    }
}
