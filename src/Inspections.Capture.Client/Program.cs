using Inspections.Capture.Client;
using Inspections.Capture.Client.Services;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API lives on the same origin as /capture/ (the sign-in cookie goes along).
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/") });
builder.Services.AddMudServices();
builder.Services.AddSingleton<Texts>();
builder.Services.AddSingleton<LocalStore>();
builder.Services.AddScoped<CaptureApi>();
builder.Services.AddSingleton<SyncService>(sp => new SyncService(sp.GetRequiredService<LocalStore>(), new CaptureApi(new HttpClient
{
    BaseAddress = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/"),
})));
builder.Services.AddScoped<CaptureState>();

var host = builder.Build();
var texts = host.Services.GetRequiredService<Texts>();
texts.Use(await host.Services.GetRequiredService<LocalStore>().LanguageAsync());
await host.RunAsync();
