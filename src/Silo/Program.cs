using Gogobe.ServiceDefaults;
using Gogobe.Silo.Hosting;
using Gogobe.Storage.Schema;
using Npgsql;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!await builder.CheckSiloSettingsAsync(Console.Error))
{
    return 2;
}

builder.AddServiceDefaults("gogobe-silo");
builder.AddGogobeSilo();

var app = builder.Build();
await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
app.MapDefaultEndpoints();
app.MapDashboard();
await app.RunAsync();
return 0;
