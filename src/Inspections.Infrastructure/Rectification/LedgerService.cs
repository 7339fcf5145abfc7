using System.Globalization;
using System.Text;

using Inspections.Domain.Rectification;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Inspections.Infrastructure.Rectification;

public enum LedgerKind
{
    /// <summary>检查台账: one row per visit.</summary>
    Visits,

    /// <summary>问题台账: one row per failed item.</summary>
    Findings,

    /// <summary>整改通知书台账: one row per notice.</summary>
    Notices,

    /// <summary>整改情况台账: one row per notice item with its re-inspection outcome.</summary>
    Rectification,
}

/// <summary>A ledger as a table of text: what both file formats write.</summary>
public sealed record Ledger(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Ledgers (台账) scoped by the DbContext's jurisdiction filters — a user exports only rows of their jurisdiction.
/// Dates are the visit date (Asia/Shanghai) within [from, to].
/// </summary>
public sealed partial class LedgerService(InspectionsDbContext db)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task<Ledger> BuildAsync(LedgerKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) => kind switch
    {
        LedgerKind.Notices => await NoticesAsync(from, to, ct),
        LedgerKind.Rectification => await RectificationAsync(from, to, ct),
        LedgerKind.Visits => await VisitsAsync(from, to, ct),
        LedgerKind.Findings => await FindingsAsync(from, to, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private IQueryable<RectificationNotice> Notices(DateOnly? from, DateOnly? to)
    {
        var q = db.Set<RectificationNotice>().AsNoTracking();
        if (from is { } f)
        {
            var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
            q = q.Where(n => n.InspectedAt >= start);
        }
        if (to is { } t)
        {
            var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
            q = q.Where(n => n.InspectedAt < end);
        }
        return q;
    }

    private async Task<Ledger> NoticesAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var rows = await Notices(from, to).OrderBy(n => n.InspectedAt).ThenBy(n => n.Number)
            .Select(n => new { n.Number, n.IssuingAuthority, n.PartyName, n.PartyCreditCode, n.PartyAddress, n.InspectedAt, n.IssuedOn, n.Deadline, n.Status, n.ServedAt, Items = n.Items.Count, n.ClosedAt, n.EscalatedAt })
            .ToListAsync(ct);
        return new Ledger("整改通知书台账",
            ["文号", "发文机关", "当事人", "统一社会信用代码", "地址", "检查日期", "签发日期", "整改期限", "状态", "送达日期", "问题数", "结案日期", "移送日期"],
            [.. rows.Select(r => new string[]
            {
                r.Number ?? "（草稿）", r.IssuingAuthority, r.PartyName, r.PartyCreditCode ?? "", r.PartyAddress ?? "", Date(r.InspectedAt), Date(r.IssuedOn),
                Date(r.Deadline), StatusZh(r.Status), Date(r.ServedAt), r.Items.ToString(CultureInfo.InvariantCulture), Date(r.ClosedAt), Date(r.EscalatedAt),
            })]);
    }

    private async Task<Ledger> RectificationAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var notices = Notices(from, to);
        var rows = await (from n in notices
                          from i in n.Items
                          orderby n.InspectedAt, n.Number, i.SortOrder
                          select new { n.Number, n.PartyName, n.PartyAddress, n.Status, n.Deadline, i.ItemCode, i.ItemText, i.LegalBasis, i.Requirement, ItemDeadline = i.Deadline, i.Outcome, n.ClosedAt })
            .ToListAsync(ct);
        return new Ledger("整改情况台账",
            ["文号", "当事人", "地址", "问题编码", "问题", "违反规定", "整改要求", "整改期限", "复查结果", "通知书状态", "结案日期"],
            [.. rows.Select(r => new string[]
            {
                r.Number ?? "（草稿）", r.PartyName, r.PartyAddress ?? "", r.ItemCode, r.ItemText, r.LegalBasis, r.Requirement, Date(r.ItemDeadline),
                r.Outcome switch { ReinspectionOutcome.Rectified => "整改到位", ReinspectionOutcome.NotRectified => "未整改到位", _ => "待复查" },
                StatusZh(r.Status), Date(r.ClosedAt),
            })]);
    }

    public static string StatusZh(NoticeStatus s) => s switch
    {
        NoticeStatus.Draft => "草稿",
        NoticeStatus.Issued => "已签发",
        NoticeStatus.Served => "已送达",
        NoticeStatus.Rectified => "整改到位",
        NoticeStatus.Overdue => "逾期",
        NoticeStatus.Escalated => "已移送立案",
        NoticeStatus.Closed => "已结案",
        _ => s.ToString(),
    };

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Date(DateTimeOffset? d) => d?.ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string DateTime(DateTimeOffset? d) => d?.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static byte[] ToXlsx(Ledger ledger)
    {
        var rows = ledger.Rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(ledger.Headers.Count);
            for (var i = 0; i < ledger.Headers.Count; i++)
            {
                row[ledger.Headers[i]] = r[i];
            }
            return row;
        }).ToList();
        using var buffer = new MemoryStream();
        if (rows.Count == 0)
        {
            rows.Add(ledger.Headers.ToDictionary(h => h, _ => (object?)null));
            MiniExcel.SaveAs(buffer, rows, sheetName: ledger.Title);
        }
        else
        {
            MiniExcel.SaveAs(buffer, rows, sheetName: ledger.Title);
        }
        return buffer.ToArray();
    }

    /// <summary>UTF-8 with BOM so that Excel opens the Chinese text correctly.</summary>
    public static byte[] ToCsv(Ledger ledger)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.Preamble);
        using (var csv = global::CsvHelper.CsvWriter.Create(buffer, global::CsvHelper.CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var h in ledger.Headers)
            {
                csv.WriteField(h);
            }
            csv.EndRecord();
            foreach (var row in ledger.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(CsvSafe(cell));
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Neutralises spreadsheet formulas in text cells (CSV injection).</summary>
    private static string CsvSafe(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
