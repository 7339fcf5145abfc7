using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.PdfSharp;
using Inspections.Infrastructure.Documents.Samples;

namespace Inspections.Benchmarks;

/// <summary>Writes the specimen documents as PDFs, to look at them (pdftoppm -png -r 80 …).</summary>
public sealed class DocumentSamplesCommand : IBenchmark
{
    public string Name => "samples";

    public string Description => "write specimen notice, record, route sheet and a batch of all three as PDFs";

    public string Usage => "--out DIR ($TMPDIR/inspections-document-samples)  --items N (14 checked items in the record)";

    public int Run(BenchmarkArgs args)
    {
        var dir = Path.GetFullPath(args.String("out") ?? Path.Combine(Path.GetTempPath(), "inspections-document-samples"));
        Directory.CreateDirectory(dir);
        var renderer = new PdfSharpRenderer(new DocumentOptions());
        var record = SpecimenDocuments.Record(args.Int("items", 14));
        IPrintableDocument[] all = [SpecimenDocuments.Notice(), record, SpecimenDocuments.RouteSheet(30)];
        Write("notice.pdf", renderer.RenderToArray(all[0]));
        Write("record.pdf", renderer.RenderToArray(all[1]));
        Write("route-sheet.pdf", renderer.RenderToArray(all[2]));
        Write("batch.pdf", renderer.RenderBatchToArray(all, progress: new ConsoleProgress()));
        return 0;

        void Write(string name, byte[] pdf)
        {
            File.WriteAllBytes(Path.Combine(dir, name), pdf);
            Console.WriteLine($"{Path.Combine(dir, name)}  {pdf.Length / 1024.0:F1} KB");
        }
    }

    private sealed class ConsoleProgress : IProgress<PdfBatchProgress>
    {
        public void Report(PdfBatchProgress value) =>
            Console.WriteLine($"  batch: {value.DocumentsDone}/{value.DocumentsTotal} documents, {value.PagesSoFar} pages");
    }
}
