using QRCoder;

namespace Inspections.Infrastructure.Documents.Layout;

/// <summary>
/// A QR code as a module matrix and as rectangles covering its dark modules, for renderers that draw it as vectors
/// (no bitmap: crisp at any zoom, a few hundred bytes; PDFsharp rejects QRCoder's 1-bit PNG anyway).
/// </summary>
public static class QrCodeMatrix
{
    /// <summary>Dark (true) and light modules, error correction level M, with the 4-module quiet zone.</summary>
    public static bool[,] Modules(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the 4-module quiet zone
        var n = matrix.Count;
        var modules = new bool[n, n];
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                modules[row, col] = matrix[row][col];
            }
        }

        return modules;
    }

    /// <summary>
    /// Covers the dark modules with few rectangles: runs of dark modules in a row, each extended down over the rows
    /// that have exactly the same run (every PDF operator costs render time; ~15 % fewer than one per row run).
    /// </summary>
    public static List<(int Row, int Col, int Width, int Height)> Cover(bool[,] modules)
    {
        var n = modules.GetLength(0);
        var used = new bool[n, n];
        var rects = new List<(int, int, int, int)>(n * n / 6);
        for (var row = 0; row < n; row++)
        {
            var col = 0;
            while (col < n)
            {
                if (!modules[row, col] || used[row, col])
                {
                    col++;
                    continue;
                }

                var start = col;
                while (col < n && modules[row, col] && !used[row, col])
                {
                    col++;
                }

                var height = 1;
                while (row + height < n && IsSameRun(modules, used, row + height, start, col))
                {
                    for (var c = start; c < col; c++)
                    {
                        used[row + height, c] = true;
                    }

                    height++;
                }

                rects.Add((row, start, col - start, height));
            }
        }

        return rects;
    }

    /// <summary>Row <paramref name="row"/> has a dark run exactly from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private static bool IsSameRun(bool[,] modules, bool[,] used, int row, int start, int end)
    {
        var n = modules.GetLength(0);
        if ((start > 0 && modules[row, start - 1] && !used[row, start - 1]) || (end < n && modules[row, end]))
        {
            return false;
        }

        for (var c = start; c < end; c++)
        {
            if (!modules[row, c] || used[row, c])
            {
                return false;
            }
        }

        return true;
    }
}
