using Inspections.Domain.Capture;
using Xunit;

namespace Inspections.Domain.Tests.Capture;

public sealed class ImageHeaderTests
{
    public static byte[] Png(int width, int height)
    {
        byte[] b = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
            (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 6, 0, 0, 0];
        return b;
    }

    [Fact]
    public void Reads_png_size()
    {
        Assert.Equal(new ImageInfo("image/png", 1600, 1200), ImageHeader.Read(Png(1600, 1200)));
    }

    [Fact]
    public void Reads_jpeg_size_after_app_segments()
    {
        byte[] jpeg =
        [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00,
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0x05, 0xA0, 0x07, 0x80, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        Assert.Equal(new ImageInfo("image/jpeg", 1920, 1440), ImageHeader.Read(jpeg));
    }

    [Fact]
    public void Reads_webp_vp8x_size()
    {
        var b = new byte[30];
        "RIFF"u8.CopyTo(b);
        "WEBP"u8.CopyTo(b.AsSpan(8));
        "VP8X"u8.CopyTo(b.AsSpan(12));
        // width-1 = 799 (0x31F), height-1 = 599 (0x257), 24-bit little endian.
        b[24] = 0x1F; b[25] = 0x03; b[27] = 0x57; b[28] = 0x02;
        Assert.Equal(new ImageInfo("image/webp", 800, 600), ImageHeader.Read(b));
    }

    [Fact]
    public void Rejects_other_bytes()
    {
        Assert.Null(ImageHeader.Read("GIF89a......................"u8));
        Assert.Null(ImageHeader.Read([]));
        Assert.Null(ImageHeader.Read(Png(0, 10)));
        Assert.Null(ImageHeader.Read([0xFF, 0xD8, 0xFF, 0xDA, 0, 4, 0, 0]));
    }
}
