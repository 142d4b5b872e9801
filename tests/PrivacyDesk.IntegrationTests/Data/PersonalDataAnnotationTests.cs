using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.IntegrationTests.Data;

/// <summary>
/// Access reports, portability, erasure and retention are driven by the personal-data annotations,
/// so a table holding a candidate's data must never be added without one (product.md §3).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PersonalDataAnnotationTests(AppFixture app)
{
    [Fact]
    public async Task Should_annotate_every_entity_that_references_a_candidate()
    {
        var missing = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => e.FindProperty("CandidateId") is not null
                        || e.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Candidate))
                        || e.ClrType == typeof(Candidate))
            .Where(e => e.PersonalData() is null && !e.HoldsNoPersonalContent())
            .Select(e => e.ClrType.Name)
            .ToList()));

        Assert.True(missing.Count == 0, "Entities without a personal-data annotation: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Should_map_every_record_set_to_exactly_one_annotated_table()
    {
        var annotated = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Select(e => e.PersonalData()?.RecordSet)
            .Where(r => r is not null)
            .Select(r => r!.Value)
            .ToList()));

        foreach (var set in Enum.GetValues<RecordSet>())
            Assert.Equal(1, annotated.Count(a => a == set));
    }

    [Fact]
    public async Task Should_give_every_annotation_a_purpose_category_and_erasure_method()
    {
        var annotations = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Select(e => (e.ClrType.Name, Annotation: e.PersonalData()))
            .Where(x => x.Annotation is not null)
            .ToList()));

        Assert.NotEmpty(annotations);
        foreach (var (name, a) in annotations)
        {
            Assert.False(string.IsNullOrWhiteSpace(a!.Purpose), name);
            Assert.True(Enum.IsDefined(a.Category), name);
            Assert.True(a.Erasure != ErasureMethod.Anonymise || a.AnonymiseFields.Count > 0, $"{name} anonymises without naming fields");
        }
    }

    [Fact]
    public async Task Should_never_make_the_national_number_portable()
    {
        var profile = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Candidate))!.PersonalData()!));

        Assert.Contains(nameof(Candidate.NationalNumberEncrypted), profile.NotPortableFields);
    }
}
