using Gogobe.Gateway.Apis;
using Gogobe.Gateway.Hosting;
using Gogobe.ServiceDefaults;
using Gogobe.Storage.Schema;
using Npgsql;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!await builder.CheckGatewaySettingsAsync(Console.Error))
{
    return 2;
}

builder.AddServiceDefaults("gogobe-gateway");
builder.AddGogobeClusterClient();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/api-docs");
app.MapClusterApi();
await app.RunAsync();
return 0;
