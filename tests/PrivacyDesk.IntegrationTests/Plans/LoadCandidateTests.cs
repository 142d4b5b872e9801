using System.Collections;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// The read-only load (one query per record set) and the tracked load (Include per record set) give the same
/// candidate: every collection navigation of the EF model, restricted records and a restricted profile included.
/// </summary>
public sealed class LoadCandidateTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_load_every_record_set_the_same_way_read_only_and_tracked()
    {
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.Restricted = true;
            c.Applications.Add(new Application { VacancyTitle = "Restricted one", Restricted = true });
            foreach (var list in typeof(Candidate).GetProperties().Select(p => p.GetValue(c)).OfType<IList>().Where(l => l.Count == 0))
                list.Add(Activator.CreateInstance(list.GetType().GetGenericArguments()[0]));
        });

        await App.WithDbAsync(async db =>
        {
            var navigations = db.Model.FindEntityType(typeof(Candidate))!.GetNavigations().Where(n => n.IsCollection).ToList();
            Assert.True(navigations.Count >= 18);
            var readOnly = await RequestPlanner.LoadCandidateAsync(db, candidate.Id, CancellationToken.None);
            var tracked = await RequestPlanner.LoadCandidateAsync(db, candidate.Id, CancellationToken.None, tracking: true);
            Assert.NotNull(readOnly);
            Assert.NotNull(tracked);
            Assert.True(readOnly.Restricted);
            foreach (var navigation in navigations)
            {
                var stored = Ids(candidate, navigation.Name).Order().ToList();
                Assert.True(stored.Count > 0, $"The test candidate has no {navigation.Name}.");
                Ids(readOnly, navigation.Name).Order().ShouldEqual(stored, navigation.Name);
                Ids(tracked, navigation.Name).Order().ShouldEqual(stored, navigation.Name);
            }

            Assert.Contains(readOnly.Applications, a => a.Restricted && a.VacancyTitle == "Restricted one");
            Assert.Equal(EntityState.Detached, db.Entry(readOnly).State);
            Assert.All(readOnly.PayrollRecords, r => Assert.Equal(EntityState.Detached, db.Entry(r).State));
            return 0;
        });
    }

    private static IEnumerable<Guid> Ids(Candidate candidate, string navigation) =>
        ((IEnumerable)typeof(Candidate).GetProperty(navigation)!.GetValue(candidate)!).Cast<CandidateRecord>().Select(r => r.Id);
}

internal static class SequenceAssertions
{
    public static void ShouldEqual(this IEnumerable<Guid> actual, IEnumerable<Guid> expected, string what) =>
        Assert.True(actual.SequenceEqual(expected), $"{what}: the load differs from what was stored.");
}
