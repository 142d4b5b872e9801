using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>import-policy reads the path from where the command was run and says so when it is missing (it threw a stack trace).</summary>
public sealed class AdminCommandLineTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_refuse_a_policy_pack_in_a_missing_folder_with_a_clear_message_and_change_nothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "privacydesk-no-such-folder-" + Guid.NewGuid().ToString("N"), "asap.json");
        var (exit, error) = await RunImportAsync(missing);

        Assert.Equal(1, exit);
        Assert.Contains("there is no folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Purposes)));
    }

    [Fact]
    public void Should_take_a_relative_pack_path_from_the_shell_directory_when_dotnet_run_started_the_app_elsewhere()
    {
        var root = OpenApiLintTests.RepositoryRoot();
        var project = Path.Combine(root, "src", "PrivacyDesk.Web");

        var (path, from) = AdminCommands.PolicyPackPath("policy-packs/asap.json", project, root);

        Assert.Equal(Path.Combine(root, "policy-packs", "asap.json"), path);
        Assert.Equal(root, from);
        Assert.True(File.Exists(path));
        // Where the file is found relative to the process's own directory, that wins.
        Assert.Equal(Path.Combine(root, "policy-packs", "asap.json"), AdminCommands.PolicyPackPath("policy-packs/asap.json", root, "/tmp").Path);
    }

    [Fact]
    public async Task Should_import_a_pack_given_relative_to_the_working_directory()
    {
        var (exit, error) = await RunImportAsync(Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(OpenApiLintTests.RepositoryRoot(), "policy-packs", "asap.json")));

        Assert.True(exit == 0, error);
        Assert.True(await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Purposes)) > 0);
    }

    private async Task<(int Exit, string Error)> RunImportAsync(string argument)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PrivacyDesk.Web.Infrastructure.Security.CurrentUser>().ActAsSystem("cli", PrivacyDesk.Domain.Common.Roles.Dpo, PrivacyDesk.Domain.Common.Roles.Admin);
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            return (await AdminCommands.ImportPolicyAsync(scope.ServiceProvider, [argument], TextWriter.Null), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Fact]
    public async Task Should_list_every_admin_command_in_the_readme_with_an_example()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(OpenApiLintTests.RepositoryRoot(), "README.md"));
        var names = AdminCommands.Names.ToList();

        Assert.Contains("create-api-key", names);
        foreach (var name in names)
        {
            Assert.True(readme.Contains("| `" + name, StringComparison.Ordinal), $"README.md's command table lacks {name}");
            Assert.True(readme.Contains("-- " + name, StringComparison.Ordinal), $"README.md has no example of {name}");
        }
    }
}
