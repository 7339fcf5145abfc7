using Inspections.Domain.Common;
using Inspections.Domain.Rectification;
using Inspections.Domain.Registry;

namespace Inspections.Domain.Tests.Rectification;

public sealed class RectificationNoticeTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static RectificationNotice Draft() => new(NoticeDrafter.Draft(
        new VisitFacts(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero),
            new DateTime(2026, 11, 23, 14, 30, 0), [Guid.NewGuid(), Guid.NewGuid()], "民康路88号", "星光网络会所", "91440300MA5G7K2X3B", "民康路88号", "陈志强"),
        [
            new FailedItem("M-01", 1, "入口处设置“未成年人禁止进入”标志", "未见标志", DepartmentKind.MarketSupervision, "《未成年人保护法》第五十八条", "《未成年人保护法》第一百二十三条", "五万元以下罚款", null, 0),
            new FailedItem("M-02", 2, "核对身份证件并登记", null, DepartmentKind.MarketSupervision, "《条例》第二十三条", "《条例》第三十一条", null, "落实登记制度", 7),
            new FailedItem("P-01", 3, "不向未成年人售烟酒", null, DepartmentKind.Police, "《未成年人保护法》第五十九条", null, null, null, 3),
        ],
        [new IssuingDepartment(Guid.NewGuid(), "SAMR", "市场监督管理所", "龙华市监", DepartmentKind.MarketSupervision)],
        new NoticeTexts())[0]);

    [Fact]
    public void TheDrafterWritesOneNoticePerDepartmentThatCanIssueWithItemDeadlines()
    {
        var n = Draft();

        Assert.Equal(["M-01", "M-02"], n.Items.Select(i => i.ItemCode));
        Assert.Equal(Day, n.Items[0].Deadline);
        Assert.Equal(Day.AddDays(7), n.Deadline);
        Assert.Equal("立即改正：入口处设置“未成年人禁止进入”标志", n.Items[0].Requirement);
        Assert.Equal("龙华市监责改", n.NumberPrefix);
        Assert.StartsWith("2026年11月23日14时30分", n.FactsFound);
        Assert.Contains("现场情况：未见标志", n.FactsFound);
        Assert.Equal(NoticeStatus.Draft, n.Status);
    }

    [Theory]
    [InlineData("{prefix}〔{year}〕{serial}号", "龙华市监责改〔2026〕17号")]
    [InlineData("{prefix}〔{year}〕第{serial:000}号", "龙华市监责改〔2026〕第017号")]
    public void NumbersFollowTheLocalFormat(string format, string expected) =>
        Assert.Equal(expected, NoticeNumberFormat.Format(format, "龙华市监责改", 2026, 17));

    [Fact]
    public void AFormatWithoutSerialIsRejected() =>
        Assert.Throws<DomainException>(() => NoticeNumberFormat.Format("{prefix}〔{year}〕", "X", 2026, 1));

    [Fact]
    public void IssueServeAndReinspectFollowTheLifeCycle()
    {
        var n = Draft();
        Assert.Throws<DomainException>(() => n.RecordService(new ServiceRecord(ServiceMethod.OnSite, DateTimeOffset.UtcNow, "王丽", false, null, null)));
        Assert.Throws<DomainException>(() => n.Issue(2026, 1, "X〔2026〕1号", DateTimeOffset.UtcNow, Day.AddDays(8)));

        n.Issue(2026, 1, "龙华市监责改〔2026〕1号", DateTimeOffset.UtcNow, Day);
        Assert.Throws<DomainException>(() => n.EditDraft(new NoticeEdit("f", "b", "c", null, null, null, [])));
        Assert.Throws<DomainException>(() => n.RecordService(new ServiceRecord(ServiceMethod.LeftWithWitness, DateTimeOffset.UtcNow, null, true, null, null)));
        n.RecordService(new ServiceRecord(ServiceMethod.LeftWithWitness, DateTimeOffset.UtcNow, null, true, "李社区", "林晓东"));
        Assert.Equal(NoticeStatus.Served, n.Status);
        Assert.Equal(ServiceMethod.LeftWithWitness, n.ServiceMethod);

        Assert.False(n.MarkOverdue(Day.AddDays(7), DateTimeOffset.UtcNow));
        Assert.True(n.MarkOverdue(Day.AddDays(8), DateTimeOffset.UtcNow));
        Assert.False(n.MarkOverdue(Day.AddDays(9), DateTimeOffset.UtcNow));

        Assert.Throws<DomainException>(() => n.RecordReinspection(null, new Dictionary<string, ReinspectionOutcome> { ["M-01"] = ReinspectionOutcome.Rectified }, DateTimeOffset.UtcNow));
        var failed = n.RecordReinspection(null, new Dictionary<string, ReinspectionOutcome>
        {
            ["M-01"] = ReinspectionOutcome.Rectified, ["M-02"] = ReinspectionOutcome.NotRectified,
        }, DateTimeOffset.UtcNow);
        Assert.Equal(["M-02"], failed.Select(i => i.ItemCode));
        Assert.Equal(NoticeStatus.Escalated, n.Status);
        var (basis, range) = Escalation.Summarise(failed);
        Assert.Equal("《条例》第三十一条", basis);
        Assert.Equal("依法确定", range);
    }

    [Fact]
    public void VerificationTokensAre128RandomBits()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => RectificationNotice.NewToken()).ToList();
        Assert.All(tokens, t => Assert.Equal(22, t.Length));
        Assert.Equal(1000, tokens.Distinct().Count());
    }
}
