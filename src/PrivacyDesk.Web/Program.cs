using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
await builder.AddPrivacyDeskAsync();
var app = builder.Build();

// Admin commands run on the same executable: migrate, seed-demo, import-policy FILE, ...
if (AdminCommands.IsCommand(args))
    return await AdminCommands.RunAsync(app, args);

await app.UsePrivacyDeskAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
