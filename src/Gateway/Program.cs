using System.Text.Json.Serialization;
using Gogobe.Gateway.Apis;
using Gogobe.Gateway.Hosting;
using Gogobe.Gateway.Web;
using Gogobe.Ingest.Hosting;
using Gogobe.ServiceDefaults;
using Gogobe.ServiceDefaults.Security;
using Gogobe.Storage.Hosting;
using Gogobe.Storage.Imports;
using Gogobe.Storage.Watches;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!await builder.CheckGatewaySettingsAsync(Console.Error))
{
    return 2;
}

const string name = "gogobe-gateway";
builder.AddServiceDefaults(name);
builder.AddGogobeStorage(name);
builder.AddGogobeNats(name);
builder.AddGogobeRedis(name);
builder.AddGogobeClusterClient();
builder.AddGatewaySecurity();
builder.AddRequestChecks();
builder.AddGatewayQueries();
builder.AddWebApp();
builder.Services.AddGogobeIngest(builder.Configuration);
builder.Services.AddSingleton<ImportLog>();
builder.Services.AddSingleton<WatchStore>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseProxyForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebApp();
app.UseAuthentication();
app.UseAuthorization();
app.UseClientRateLimit();
app.UseRequestChecks();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/api-docs");
app.MapClusterApi();
app.MapImportsApi();
app.MapStoresApi();
app.MapProductsApi();
app.MapBasketsApi();
app.MapMatchingApi();
app.MapWatchesApi();
app.MapWebAppApi();
await app.RunAsync();
return 0;
