using Inspections.Infrastructure.Documents.Fonts;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Inspections.Infrastructure.Documents.PdfSharp;

/// <summary>
/// <see cref="IPdfRenderer"/> on PDFsharp 6.5 with Noto Sans SC (Unicode/Identity-H, subset, bold simulated).
/// The font is looked up on first use; when it is missing every call throws <see cref="DocumentFontNotFoundException"/>
/// (and succeeds once the font appears — nothing is cached on failure).
/// </summary>
public sealed class PdfSharpRenderer : IPdfRenderer
{
    private readonly Func<string> locateFont;
    private readonly PdfFlateEncodeMode flateMode;
    private readonly Lock gate = new();
    private Typesetter? typesetter;

    /// <summary>Finds the font as described on <see cref="DocumentOptions.FontDirectory"/>.</summary>
    public PdfSharpRenderer(DocumentOptions options, string? contentRoot = null)
        : this(() => FontLocator.LocateRegular(options, contentRoot), options.Compression)
    {
    }

    /// <summary>Uses the font file whose path <paramref name="locateFont"/> returns (called until it succeeds once).</summary>
    public PdfSharpRenderer(Func<string> locateFont, PdfCompression compression = PdfCompression.Fast)
    {
        this.locateFont = locateFont;
        flateMode = compression switch
        {
            PdfCompression.Smallest => PdfFlateEncodeMode.BestCompression,
            PdfCompression.Balanced => PdfFlateEncodeMode.Default,
            _ => PdfFlateEncodeMode.BestSpeed,
        };
    }

    public PdfRenderResult Render(IPrintableDocument document, Stream output) => RenderBatch([document], output);

    public PdfRenderResult RenderBatch(
        IReadOnlyList<IPrintableDocument> documents,
        Stream output,
        PdfBatchOptions? batchOptions = null,
        IProgress<PdfBatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        if (documents.Count == 0)
        {
            throw new ArgumentException("Nothing to render.", nameof(documents));
        }

        var setter = Typesetter();
        var builder = new SliceBuilder(setter);
        using var pdf = NewPdf();
        var ranges = new List<DocumentPages>(documents.Count);
        string? title = null;
        string? author = null;
        string? subject = null;
        for (var d = 0; d < documents.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layout = documents[d].Compose();
            if (batchOptions?.StartDocumentsOnOddPages == true && pdf.PageCount % 2 == 1)
            {
                var blank = pdf.AddPage();
                var previous = pdf.Pages[pdf.PageCount - 2];
                blank.Width = previous.Width;
                blank.Height = previous.Height;
            }

            var composer = new PageComposer(pdf, layout, setter);
            var first = pdf.PageCount + 1;
            var count = composer.Compose(builder.Build(layout.Blocks, composer.ContentWidth));
            composer.Finish();
            ranges.Add(new DocumentPages(first, count));
            title ??= layout.Title;
            author ??= layout.Author;
            subject ??= layout.Subject;
            progress?.Report(new PdfBatchProgress(d + 1, documents.Count, pdf.PageCount));
        }

        pdf.Info.Title = (documents.Count == 1 ? title : batchOptions?.Title) ?? $"批量打印（{documents.Count}份）";
        pdf.Info.Author = documents.Count == 1 ? author ?? "" : "";
        pdf.Info.Subject = documents.Count == 1 ? subject ?? "" : "";
        var pageCount = pdf.PageCount;
        pdf.Save(output, closeStream: false);
        return new PdfRenderResult(pageCount, ranges);
    }

    public PdfRenderResult Merge(
        IReadOnlyList<Stream> pdfs,
        Stream output,
        IProgress<PdfBatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdfs);
        if (pdfs.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(pdfs));
        }

        PdfSharpFontResolver.Install(); // the licence; merging needs no font
        using var merged = NewPdf();
        var ranges = new List<DocumentPages>(pdfs.Count);
        for (var d = 0; d < pdfs.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var source = PdfReader.Open(pdfs[d], PdfDocumentOpenMode.Import);
            var first = merged.PageCount + 1;
            foreach (var page in source.Pages)
            {
                merged.AddPage(page);
            }

            ranges.Add(new DocumentPages(first, source.PageCount));
            progress?.Report(new PdfBatchProgress(d + 1, pdfs.Count, merged.PageCount));
        }

        merged.Info.Title = $"合并打印（{pdfs.Count}份）";
        var pageCount = merged.PageCount;
        merged.Save(output, closeStream: false);
        return new PdfRenderResult(pageCount, ranges);
    }

    private PdfDocument NewPdf()
    {
        var pdf = new PdfDocument();
        pdf.Language = "zh-CN";
        pdf.Info.Creator = "Inspections";
        pdf.Options.CompressContentStreams = true;
        pdf.Options.NoCompression = false;
        pdf.Options.FlateEncodeMode = flateMode;
        return pdf;
    }

    private Typesetter Typesetter()
    {
        if (typesetter is { } ready)
        {
            return ready;
        }

        lock (gate)
        {
            if (typesetter is null)
            {
                var path = locateFont();
                typesetter = new Typesetter(PdfSharpFontResolver.Load(path));
            }

            return typesetter;
        }
    }
}
