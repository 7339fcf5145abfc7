using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Registry.Import;
using Inspections.IntegrationTests.Components;
using Inspections.Web.Components.Shared;
using MiniExcelLibs;
using static Inspections.IntegrationTests.Registry.Import.ImportApi;

namespace Inspections.IntegrationTests.Registry.Import;

/// <summary>Dry runs only: nothing is committed in this database, so the rows never meet existing venues.</summary>
public sealed class VenueImportAnalysisTests(VenueImportWebFactory app) : IClassFixture<VenueImportWebFactory>
{
    [Fact]
    public async Task CsvDryRunReportsEveryRowByItsSpreadsheetRowNumber()
    {
        var client = await app.AdminClientAsync();

        var summary = await AnalyseAsync(client, "venues-dry-run.csv", Data("venues-dry-run.csv"));
        var rows = await RowsAsync(client, summary.Id);

        Assert.Equal(ImportStatus.Analysed, summary.Status);
        Assert.Equal((7, 7, 2, 3, 2, 0), (summary.TotalRows, summary.ProcessedRows, summary.ValidRows, summary.WarningRows, summary.ErrorRows, summary.ImportedRows));
        Assert.Equal([2, 3, 4, 6, 7, 8, 9], rows.Select(r => r.RowNumber));
        Assert.Equal(
            [ImportRowStatus.Valid, ImportRowStatus.Error, ImportRowStatus.Warning, ImportRowStatus.Warning, ImportRowStatus.Warning, ImportRowStatus.Valid, ImportRowStatus.Error],
            rows.Select(r => r.Status));

        var broken = rows.Single(r => r.RowNumber == 3);
        Assert.Null(broken.Name);
        Assert.Equal(["name", "longitude", "openingHours", "riskClass", "legalRepresentativeIdNumber"], broken.Errors.Select(e => e.Field));
        Assert.DoesNotContain("123456", JsonSerializer.Serialize(broken, Json), StringComparison.Ordinal);
        // Every error is coded, and the UI shows it in Chinese with the offending value (never the ID number).
        Assert.All(rows.SelectMany(r => r.Errors), e => Assert.NotNull(e.Code));
        using (new CultureScope("zh-CN"))
        {
            var localizer = LocalizationTests.CreateLocalizer();
            var texts = broken.Errors.ToDictionary(e => e.Field, e => localizer.ImportField(e.Field) + "：" + localizer.ImportErrorText(e));
            Assert.Equal("风险等级：“E”不是有效的风险等级：请填写 A、B、C 或 D", texts["riskClass"]);
            Assert.Equal("经度：“东经114”不是数字：请填写十进制度数（WGS-84），例如 114.0579", texts["longitude"]);
            Assert.Equal("场所名称：必填", texts["name"]);
            Assert.DoesNotContain("123456", string.Concat(texts.Values), StringComparison.Ordinal);
            Assert.All(texts.Values, t => Assert.DoesNotContain(" is ", t, StringComparison.Ordinal));
        }

        Assert.Equal([WarningCodes.CreditCodeInvalid], rows.Single(r => r.RowNumber == 4).Warnings.Select(w => w.Code));
        var sameCode = Assert.Single(rows.Single(r => r.RowNumber == 6).Warnings);
        Assert.Equal(WarningCodes.DuplicateCreditCode, sameCode.Code);
        Assert.StartsWith("row 2: 星河网咖", Assert.Single(sameCode.Related!), StringComparison.Ordinal);
        var sameName = Assert.Single(rows.Single(r => r.RowNumber == 7).Warnings);
        Assert.Equal(WarningCodes.DuplicateNameNearby, sameName.Code);
        Assert.StartsWith("row 2: 星河网咖", Assert.Single(sameName.Related!), StringComparison.Ordinal);
        Assert.Equal("jurisdictionCode", Assert.Single(rows.Single(r => r.RowNumber == 9).Errors).Field);
        Assert.Empty(rows.Single(r => r.RowNumber == 2).Warnings);

        Assert.Equal([3, 9], (await RowsAsync(client, summary.Id, "Error")).Select(r => r.RowNumber));
    }

    [Fact]
    public async Task XlsxWorkbookIsReadWithExcelRowNumbers()
    {
        var client = await app.AdminClientAsync();
        var (lon, lat) = NewOrigin();
        var rows = new List<Dictionary<string, object?>>
        {
            Row("观澜网吧", "网吧", NewCreditCode(), lon, lat, "11010519491231002X", 13800138000d),
            Row(null, null, null, null, null, null, null),
            Row("湖畔KTV", "KTV", NewCreditCode(), lon + 0.01, 95.0, null, null),
        };
        using var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, rows, excelType: ExcelType.XLSX);

        var summary = await AnalyseAsync(client, "场所.xlsx", workbook.ToArray());
        var report = await RowsAsync(client, summary.Id);

        Assert.Equal(ImportStatus.Analysed, summary.Status);
        Assert.Equal([2, 4], report.Select(r => r.RowNumber));
        Assert.Equal(ImportRowStatus.Valid, report[0].Status);
        Assert.Equal("观澜网吧", report[0].Name);
        Assert.Equal(ImportRowStatus.Error, report[1].Status);
        Assert.Equal("latitude", Assert.Single(report[1].Errors).Field);
    }

    [Fact]
    public async Task GeoJsonPointFeaturesAreRead()
    {
        var client = await app.AdminClientAsync();
        var (lon, lat) = NewOrigin();
        var geojson = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(
                Feature(new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) }, "晨星酒吧", "酒吧", NewCreditCode()),
                Feature(new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon + 0.01, lat) }, "无类型场所", null, NewCreditCode()),
                Feature(
                    new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(lon, lat), new JsonArray(lon + 0.001, lat), new JsonArray(lon, lat + 0.001), new JsonArray(lon, lat))) },
                    "多边形场所", "酒吧", NewCreditCode())),
        };

        var summary = await AnalyseAsync(client, "venues.geojson", Utf8(geojson.ToJsonString()));
        var rows = await RowsAsync(client, summary.Id);

        Assert.Equal(ImportStatus.Analysed, summary.Status);
        Assert.Equal([1, 2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal([ImportRowStatus.Valid, ImportRowStatus.Error, ImportRowStatus.Error], rows.Select(r => r.Status));
        Assert.Equal("type", Assert.Single(rows[1].Errors).Field);
        Assert.Equal("geometry", Assert.Single(rows[2].Errors).Field);
    }

    [Fact]
    public async Task CsvSavedByExcelOnChineseWindowsIsDecodedAsGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var client = await app.AdminClientAsync();
        var (lon, lat) = NewOrigin();
        var csv = $"名称,类型,统一社会信用代码,地址,经度,纬度\r\n龙华纹身工作室,纹身店,{NewCreditCode()},深圳市龙华区油松路9号,{F(lon)},{F(lat)}\r\n";

        var summary = await AnalyseAsync(client, "gbk.csv", Encoding.GetEncoding("GB18030").GetBytes(csv));
        var row = Assert.Single(await RowsAsync(client, summary.Id));

        Assert.Equal(ImportStatus.Analysed, summary.Status);
        Assert.Equal("龙华纹身工作室", row.Name);
        Assert.Equal(ImportRowStatus.Valid, row.Status);
    }

    [Fact]
    public async Task HeaderWithoutTheRequiredColumnsFailsTheWholeFile()
    {
        var client = await app.AdminClientAsync();

        var summary = await AnalyseAsync(client, "wrong.csv", Utf8("foo,bar\r\n1,2\r\n"));

        Assert.Equal(ImportStatus.Failed, summary.Status);
        Assert.Contains("name/名称", summary.Error, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(client, summary.Id));
    }

    [Fact]
    public async Task TemplateIsUtf8WithBomAndItsExampleRowIsValid()
    {
        var client = await app.AdminClientAsync();

        var response = await client.GetAsync("/api/venue-imports/template.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.StartsWith("名称,类型,统一社会信用代码", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);

        var summary = await AnalyseAsync(client, "template.csv", bytes);
        Assert.Equal((1, 1), (summary.TotalRows, summary.ValidRows));
    }

    [Theory]
    [InlineData("venues.xls")]
    [InlineData("venues.txt")]
    [InlineData("venues")]
    public async Task UnknownFileTypeIsRefusedWithAProblem(string fileName)
    {
        var client = await app.AdminClientAsync();

        var response = await UploadAsync(client, fileName, Utf8("名称,类型\r\n"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("file.format", problem!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task FileOverTwentyMegabytesIsRefusedWith413()
    {
        var client = await app.AdminClientAsync();
        var content = new byte[VenueImportService.MaxFileBytes + 1];
        Array.Fill(content, (byte)'a');

        var response = await UploadAsync(client, "huge.csv", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownImportIsNotFound()
    {
        var client = await app.AdminClientAsync();

        var summary = await client.GetAsync($"/api/venue-imports/{Guid.NewGuid()}");
        var rows = await client.GetAsync($"/api/venue-imports/{Guid.NewGuid()}/rows");
        var commit = await CommitAsync(client, Guid.NewGuid(), "ValidOnly");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [summary.StatusCode, rows.StatusCode, commit.StatusCode]);
    }

    private static Dictionary<string, object?> Row(string? name, string? type, string? code, double? lon, double? lat, string? idNumber, double? phone) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["creditCode"] = code,
        ["address"] = name is null ? null : "深圳市龙华区观澜街道大和路" + name.Length + "号",
        ["longitude"] = lon,
        ["latitude"] = lat,
        ["legalRepresentativeIdNumber"] = idNumber,
        ["contactPhone"] = phone,
    };

    private static JsonObject Feature(JsonObject geometry, string name, string? type, string code) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = geometry,
        ["properties"] = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["creditCode"] = code,
            ["address"] = "深圳市龙华区福城街道福民路" + name.Length + "号",
            ["riskClass"] = "C",
        },
    };
}
