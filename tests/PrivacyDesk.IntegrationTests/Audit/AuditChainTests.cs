using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Audit;

namespace PrivacyDesk.IntegrationTests.Audit;

public sealed class AuditChainTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(int Exit, string Output)> VerifyAsync()
    {
        var output = new StringWriter();
        var exit = 0;
        await App.WithScopeAsync(async sp => exit = await AuditRegistration.VerifyAsync(sp, [], output));
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Should_verify_an_untouched_trail_and_name_the_tampered_row()
    {
        await App.ImportPackAsync("asap");
        for (var i = 0; i < 3; i++)
            await App.AddRequestAsync(null, RequestType.Access, RequestType.Erasure);

        var intact = await VerifyAsync();
        Assert.Equal(0, intact.Exit);
        Assert.Contains("intact", intact.Output, StringComparison.Ordinal);

        long target;
        await using (var conn = new NpgsqlConnection(App.ConnectionString))
        {
            await conn.OpenAsync();
            await using var pick = new NpgsqlCommand("SELECT sequence FROM audit_events ORDER BY sequence OFFSET 2 LIMIT 1", conn);
            target = (long)(await pick.ExecuteScalarAsync())!;
            await using var tamper = new NpgsqlCommand($"UPDATE audit_events SET summary = 'nothing happened here' WHERE sequence = {target}", conn);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }
        await App.AddRequestAsync(null, RequestType.Access); // later events keep being sealed after the tampered one

        var broken = await VerifyAsync();

        Assert.Equal(1, broken.Exit);
        Assert.Contains($"sequence {target}:", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_detect_a_deleted_event()
    {
        await App.ImportPackAsync("asap");
        await App.AddRequestAsync(null, RequestType.Access);
        await App.AddRequestAsync(null, RequestType.Access);
        await App.Factory.Services.GetRequiredService<AuditSealer>().SealAsync(CancellationToken.None);
        await using (var conn = new NpgsqlConnection(App.ConnectionString))
        {
            await conn.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM audit_events WHERE sequence = (SELECT min(sequence) FROM audit_events)", conn);
            await delete.ExecuteNonQueryAsync();
        }

        var broken = await VerifyAsync();

        Assert.Equal(1, broken.Exit);
        Assert.Contains("Broken", broken.Output, StringComparison.Ordinal);
    }
}
