using Gogobe.ServiceDefaults;
using Gogobe.Silo.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!await builder.CheckSiloSettingsAsync(Console.Error))
{
    return 2;
}

builder.AddServiceDefaults("gogobe-silo");
builder.AddGogobeSilo();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapDefaultEndpoints();
app.MapDashboard();
await app.RunAsync();
return 0;
