using Inspections.Infrastructure.Documents;
using Inspections.Infrastructure.Documents.Samples;

namespace Inspections.IntegrationTests.Documents;

/// <summary>Signatures captured on the tablet are drawn in the record's signature area, each above the signer's name.</summary>
public sealed class RecordSignaturePdfTests
{
    private static readonly InspectionRecordDocument Signed = SpecimenDocuments.Record(items: 4) with
    {
        Signatures = new RecordSignatures
        {
            Party = "王丽",
            PartyImage = DocumentImage.FromBytes(TestImages.SignaturePng(0)),
            Officers =
            [
                new SignatureMark("林晓东") { Image = DocumentImage.FromBytes(TestImages.SignaturePng(1)) },
                new SignatureMark("黄海燕") { Image = DocumentImage.FromBytes(TestImages.SignaturePng(2)) },
            ],
            SignedOn = new DateOnly(2026, 11, 23),
        },
    };

    [Fact]
    public void EverySignatureIsAnImageOnTheLastPageAndTheNamesStayText()
    {
        var pdf = Renderers.Default.RenderToArray(Signed);

        var images = Poppler.Images(pdf).Where(i => i.Type == "image").ToList();
        var pages = Poppler.PageCount(pdf);
        Assert.Equal(3, images.Count);
        Assert.All(images, i => Assert.Equal(pages, i.Page));
        var last = Poppler.Squeeze(Poppler.RawPagesText(pdf)[^1]);
        Assert.Contains("当事人签名王丽", last);
        Assert.Contains("林晓东", last);
        Assert.Contains("黄海燕", last);
        Assert.Contains("2026年11月23日", last);
        Assert.Contains("Pagesize:595.276x841.89pts(A4)", Poppler.Squeeze(Poppler.Info(pdf)));
    }

    [Fact]
    public void AMissingOrDamagedSignatureLeavesABlankWithTheName()
    {
        var record = Signed with
        {
            Signatures = Signed.Signatures! with
            {
                PartyImage = DocumentImage.FromFile(Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}.png")),
                Officers =
                [
                    new SignatureMark("林晓东") { Image = DocumentImage.FromBytes([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]) },
                    new SignatureMark("黄海燕") { Image = DocumentImage.FromBytes(TestImages.SignaturePng(2)) },
                ],
            },
        };

        var pdf = Renderers.Default.RenderToArray(record);

        Assert.Single(Poppler.Images(pdf), i => i.Type == "image");
        var text = Poppler.Squeeze(Poppler.RawText(pdf));
        Assert.Contains("当事人签名王丽", text);
        Assert.Contains("林晓东", text);
        Assert.Contains("黄海燕", text);
    }

    [Fact]
    public void ARefusalPrintsRefusedAndTheWitnessSignature()
    {
        var record = Signed with
        {
            Signatures = Signed.Signatures! with
            {
                Party = null,
                PartyImage = null,
                PartyRefused = true,
                Witness = "赵敏",
                WitnessImage = DocumentImage.FromBytes(TestImages.SignaturePng(3)),
            },
        };

        var pdf = Renderers.Default.RenderToArray(record);

        Assert.Equal(3, Poppler.Images(pdf).Count(i => i.Type == "image"));
        var text = Poppler.Squeeze(Poppler.RawText(pdf));
        Assert.Contains("当事人签名拒绝签字", text);
        Assert.Contains("✓当事人拒绝签名，由见证人签名", text);
        Assert.Contains("赵敏", text);
    }

    [Fact]
    public void ARecordWithoutSignaturesHasNoImages()
    {
        Assert.DoesNotContain(Poppler.Images(Renderers.Default.RenderToArray(SpecimenDocuments.Record(items: 4))), i => i.Type == "image");
    }
}
