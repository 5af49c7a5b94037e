using Gogobe.Ingest.Hosting;
using Gogobe.ServiceDefaults;
using Gogobe.ServiceDefaults.Security;
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
builder.AddOperatorAuthentication();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseProxyForwardedHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapDashboard();
await app.RunAsync();
return 0;
