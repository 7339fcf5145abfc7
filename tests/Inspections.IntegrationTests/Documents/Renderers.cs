using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.PdfSharp;

namespace Inspections.IntegrationTests.Documents;

internal static class Renderers
{
    /// <summary>Finds .fonts-cache/ by walking up from the test's bin folder (or INSPECTIONS_FONT_DIR): run scripts/fonts.sh first.</summary>
    public static IPdfRenderer Default { get; } = new PdfSharpRenderer(new DocumentOptions());
}
