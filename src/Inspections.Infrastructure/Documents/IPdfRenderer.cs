namespace Inspections.Infrastructure.Documents;

/// <summary>
/// Turns printable documents into PDF. The only door to the PDF library (PDFsharp, AGPL — ADR 0005/0007): another
/// implementation can replace it without touching callers. Implementations are thread-safe singletons.
/// </summary>
/// <remarks>
/// The methods write synchronously: give them a <see cref="MemoryStream"/> or a file, not an HTTP response body
/// (use <see cref="PdfRendererExtensions.RenderToArray"/> and write the bytes asynchronously).
/// </remarks>
public interface IPdfRenderer
{
    /// <summary>Renders one document. Throws <see cref="Fonts.DocumentFontNotFoundException"/> when the font is missing.</summary>
    PdfRenderResult Render(IPrintableDocument document, Stream output);

    /// <summary>
    /// Batch printing: many documents in one PDF. Each document starts on a new page and numbers its own pages
    /// ("第 1 页 共 2 页"); the font is embedded once for all of them.
    /// </summary>
    PdfRenderResult RenderBatch(
        IReadOnlyList<IPrintableDocument> documents,
        Stream output,
        PdfBatchOptions? options = null,
        IProgress<PdfBatchProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Concatenates existing PDFs (e.g. archived, issued notices) into one.</summary>
    PdfRenderResult Merge(
        IReadOnlyList<Stream> pdfs,
        Stream output,
        IProgress<PdfBatchProgress>? progress = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Pages written, and where each document starts (1-based page numbers).</summary>
public sealed record PdfRenderResult(int PageCount, IReadOnlyList<DocumentPages> Documents);

public sealed record DocumentPages(int FirstPage, int PageCount);

public sealed record PdfBatchOptions
{
    /// <summary>Title in the PDF properties.</summary>
    public string? Title { get; init; }

    /// <summary>For duplex printing: insert a blank page so that every document starts on a front side.</summary>
    public bool StartDocumentsOnOddPages { get; init; }
}

/// <summary>Reported after each document.</summary>
public sealed record PdfBatchProgress(int DocumentsDone, int DocumentsTotal, int PagesSoFar);

public static class PdfRendererExtensions
{
    public static byte[] RenderToArray(this IPdfRenderer renderer, IPrintableDocument document)
    {
        using var buffer = new MemoryStream();
        renderer.Render(document, buffer);
        return buffer.ToArray();
    }

    public static byte[] RenderBatchToArray(
        this IPdfRenderer renderer,
        IReadOnlyList<IPrintableDocument> documents,
        PdfBatchOptions? options = null,
        IProgress<PdfBatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        renderer.RenderBatch(documents, buffer, options, progress, cancellationToken);
        return buffer.ToArray();
    }
}
