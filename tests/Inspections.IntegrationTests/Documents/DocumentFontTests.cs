using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Fonts;
using Inspections.Infrastructure.Documents.PdfSharp;
using Inspections.Infrastructure.Documents.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.IntegrationTests.Documents;

public sealed class DocumentFontTests : IDisposable
{
    private readonly string emptyDirectory = Directory.CreateTempSubdirectory("inspections-fonts-").FullName;

    public void Dispose() => Directory.Delete(emptyDirectory, recursive: true);

    [Fact]
    public void AMissingFontFailsWithAClearMessageInsteadOfPrintingBoxes()
    {
        var renderer = new PdfSharpRenderer(() => FontLocator.LocateRegular(new DocumentOptions { FontDirectory = emptyDirectory }, environment: _ => null));

        var error = Assert.Throws<DocumentFontNotFoundException>(() => renderer.RenderToArray(SpecimenDocuments.Notice()));

        Assert.Contains(FontLocator.RegularFileName, error.Message);
        Assert.Contains(emptyDirectory, error.Message);
        Assert.Contains("scripts/fonts.sh", error.Message);
    }

    [Fact]
    public void TheEnvironmentVariableOverridesTheSetting()
    {
        var real = FontLocator.LocateRegular(new DocumentOptions());

        var found = FontLocator.LocateRegular(
            new DocumentOptions { FontDirectory = emptyDirectory },
            environment: name => name == DocumentOptions.FontDirectoryVariable ? Path.GetDirectoryName(real) : null);

        Assert.Equal(real, found);
    }

    [Fact]
    public void ByDefaultTheFontCacheIsFoundFromTheBinFolderUpToTheRepository()
    {
        var found = FontLocator.LocateRegular(new DocumentOptions(), environment: _ => null);

        Assert.EndsWith(Path.Combine(FontLocator.CacheFolderName, FontLocator.RegularFileName), found);
    }

    [Fact]
    public void AFontCollectionIsRejectedWithAnExplanation()
    {
        File.WriteAllBytes(Path.Combine(emptyDirectory, FontLocator.RegularFileName), [.. "ttcf"u8, 0, 1, 0, 0, 0, 0, 0, 2]);
        var renderer = new PdfSharpRenderer(() => FontLocator.LocateRegular(new DocumentOptions { FontDirectory = emptyDirectory }, environment: _ => null));

        var error = Assert.Throws<DocumentFontNotFoundException>(() => renderer.RenderToArray(SpecimenDocuments.Notice()));

        Assert.Contains("collection", error.Message);
    }

    [Fact]
    public void AddDocumentsRegistersARendererConfiguredFromTheDocumentsSection()
    {
        var fontDirectory = Path.GetDirectoryName(FontLocator.LocateRegular(new DocumentOptions()))!;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Documents:FontDirectory"] = fontDirectory,
                ["Documents:Compression"] = "Balanced",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddDocuments()
            .BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocumentOptions>>().Value;
        var pdf = provider.GetRequiredService<IPdfRenderer>().RenderToArray(SpecimenDocuments.Notice());

        Assert.Equal(fontDirectory, options.FontDirectory);
        Assert.Equal(PdfCompression.Balanced, options.Compression);
        Assert.Same(provider.GetRequiredService<IPdfRenderer>(), provider.GetRequiredService<IPdfRenderer>());
        Assert.Equal(1, Poppler.PageCount(pdf));
    }

    [Fact]
    public void RenderingWorksOnceTheFontAppears()
    {
        var attempts = 0;
        var renderer = new PdfSharpRenderer(() => ++attempts == 1
            ? throw new DocumentFontNotFoundException("not yet")
            : FontLocator.LocateRegular(new DocumentOptions()));

        Assert.Throws<DocumentFontNotFoundException>(() => renderer.RenderToArray(SpecimenDocuments.Notice()));
        var pdf = renderer.RenderToArray(SpecimenDocuments.Notice());

        Assert.Equal(1, Poppler.PageCount(pdf));
    }
}
