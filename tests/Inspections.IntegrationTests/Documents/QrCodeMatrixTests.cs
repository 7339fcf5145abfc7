using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.IntegrationTests.Documents;

public sealed class QrCodeMatrixTests
{
    [Theory]
    [InlineData("https://inspections.longhua.example.cn/v/N2026-0017-7QK3")]
    [InlineData("龙华市监责改〔2026〕17号")]
    [InlineData("A")]
    public void TheRectanglesCoverExactlyTheDarkModulesOnce(string payload)
    {
        var modules = QrCodeMatrix.Modules(payload);
        var n = modules.GetLength(0);
        var covered = new int[n, n];

        var rects = QrCodeMatrix.Cover(modules);

        foreach (var (row, col, width, height) in rects)
        {
            for (var r = row; r < row + height; r++)
            {
                for (var c = col; c < col + width; c++)
                {
                    covered[r, c]++;
                }
            }
        }

        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                Assert.Equal(modules[r, c] ? 1 : 0, covered[r, c]);
            }
        }

        var rowRuns = Enumerable.Range(0, n).Sum(r => Enumerable.Range(0, n).Count(c => modules[r, c] && (c == 0 || !modules[r, c - 1])));
        Assert.True(rects.Count < rowRuns, $"{rects.Count} rectangles for {rowRuns} row runs");
    }

    [Fact]
    public void TheQuietZoneIsIncluded()
    {
        var modules = QrCodeMatrix.Modules("A");
        var n = modules.GetLength(0);

        for (var i = 0; i < n; i++)
        {
            Assert.False(modules[0, i]);
            Assert.False(modules[i, 0]);
            Assert.False(modules[n - 1, i]);
            Assert.False(modules[i, n - 1]);
        }
    }
}
