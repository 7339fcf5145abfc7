using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.PdfSharp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DocumentsDependencyInjection
{
    /// <summary>PDF documents: <see cref="IPdfRenderer"/> (PDFsharp) configured from the "Documents" section.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section);
        services.AddSingleton<IPdfRenderer>(sp => new PdfSharpRenderer(
            sp.GetRequiredService<IOptions<DocumentOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath));
        return services;
    }
}
