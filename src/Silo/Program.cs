using Gogobe.Ingest.Hosting;
using Gogobe.ServiceDefaults;
using Gogobe.Silo.Hosting;
using Gogobe.Storage.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!await builder.CheckSiloSettingsAsync(Console.Error))
{
    return 2;
}

const string name = "gogobe-silo";
builder.AddServiceDefaults(name);
builder.AddGogobeStorage(name);
builder.AddGogobeNats(name);
builder.AddGogobeSilo();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapDefaultEndpoints();
app.MapDashboard();
await app.RunAsync();
return 0;
