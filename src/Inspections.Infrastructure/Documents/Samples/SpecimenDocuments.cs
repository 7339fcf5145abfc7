using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.Infrastructure.Documents.Samples;

/// <summary>
/// Realistic specimen documents (fictitious parties) for print previews, the benchmark and tests. Every field is filled
/// so that a missing field shows up in text-extraction tests.
/// </summary>
public static class SpecimenDocuments
{
    public static readonly DateOnly IssueDate = new(2026, 11, 23);

    public static DocumentParty InternetCafe { get; } = new("深圳市龙华区星光网络会所有限公司")
    {
        UnifiedSocialCreditCode = "91440300MA5G7K2X3B",
        Address = "深圳市龙华区民治街道民康路88号星光大厦二楼201室",
        LegalRepresentative = "陈志强",
        Phone = "0755-2833 6617",
    };

    public static RectificationNoticeDocument Notice(int sequence = 17) => new()
    {
        IssuingAuthority = "深圳市龙华区市场监督管理局",
        Number = DocumentNumber.Format("龙华市监责改", 2026, sequence),
        Party = InternetCafe,
        FactsFound = "2026年11月23日14时30分，执法人员对你单位位于深圳市龙华区民治街道民康路88号的经营场所进行检查，"
            + "发现：经营场所入口处未设置“未成年人禁止进入”标志；前台未对进入场所的上网人员核对身份证件并登记，"
            + "现场抽查的12名上网人员中有3名无登记记录；吧台货架陈列香烟，未设置“不向未成年人出售烟草制品”标识。",
        ProvisionsBreached =
        [
            "《中华人民共和国未成年人保护法》第五十八条",
            "第五十九条第一款",
            "《互联网上网服务营业场所管理条例》第二十三条",
        ],
        SpecificLegalBasis = ["《中华人民共和国未成年人保护法》第一百二十三条"],
        Corrections =
        [
            new("在经营场所入口处显著位置设置“未成年人禁止进入”标志"),
            new("在烟草制品销售处显著位置设置不向未成年人出售烟草制品的标识"),
            new("建立并落实上网人员身份证件核对、登记制度，登记内容和记录备份保存不少于60日", new DateOnly(2026, 11, 30)),
        ],
        Deadline = new DateOnly(2026, 11, 30),
        Consequences = "逾期不改正的，本局将依据《中华人民共和国未成年人保护法》第一百二十三条的规定依法予以行政处罚。",
        ReviewAuthority = "深圳市龙华区人民政府",
        Court = "深圳市龙华区人民法院",
        IssuedOn = IssueDate,
        ContactPerson = "林晓东",
        ContactPhone = "0755-2773 0123",
        VerificationUrl = $"https://inspections.longhua.example.cn/v/N2026-{sequence:D4}-7QK3",
    };

    public static InspectionRecordDocument Record(int items = 14) => new()
    {
        IssuingAuthority = "深圳市龙华区民治街道综合行政执法队",
        Number = "民治综执笔〔2026〕208号",
        StartedAt = new DateTime(2026, 11, 23, 14, 30, 0),
        EndedAt = new DateTime(2026, 11, 23, 15, 40, 0),
        Place = "深圳市龙华区民治街道民康路88号星光大厦二楼201室（星光网络会所）",
        Officers =
        [
            new("林晓东", "龙华区市场监督管理局民治所", "44030919001"),
            new("黄海燕", "龙华区文化广电旅游体育局", "44030921017"),
            new("周建国", "民治派出所", "44030933102"),
        ],
        Recorder = "黄海燕",
        Party = InternetCafe,
        PersonPresent = new("王丽") { Role = "店长", Phone = "138 2651 0042" },
        RecusalAnswer = "不申请回避。",
        Items = Enumerable.Range(0, items).Select(i => ItemCatalogue[i % ItemCatalogue.Length] with
        {
            PhotoRefs = [$"照片{2 * i + 1}", $"照片{2 * i + 2}"],
        }).ToList(),
        OtherObservations = "检查时场所内有上网人员46名，营业时间牌显示为08:00—24:00。检查过程全程执法记录仪录像（编号：MZ-ZF-0023）。",
        PartyComments = null,
    };

    private static readonly CheckedItem[] ItemCatalogue =
    [
        new("入口处设置“未成年人禁止进入”标志", "入口门框及门外墙面均未见“未成年人禁止进入”标志；门外立有广告灯箱一个。", CheckResult.NonCompliant) { Basis = "未成年人保护法第五十八条" },
        new("核对上网人员身份证件并登记", "前台电脑显示当日登记记录34条；现场抽查上网人员12名，其中3名（座位号A07、B15、C02）无当日登记记录。", CheckResult.NonCompliant) { Basis = "网吧条例第二十三条" },
        new("是否有未成年人在场上网", "逐一核对在场46名上网人员身份证件，均已年满十八周岁。", CheckResult.Compliant) { Basis = "未成年人保护法第五十八条" },
        new("营业执照、网络文化经营许可证悬挂", "前台墙面悬挂营业执照及网络文化经营许可证，证载名称、地址与现场一致，许可证有效期至2028年6月。", CheckResult.Compliant) { Basis = "网吧条例第二十条" },
        new("烟草制品销售及标识", "吧台货架陈列香烟6个品种，未见“不向未成年人出售烟草制品”标识。", CheckResult.NonCompliant) { Basis = "未成年人保护法第五十九条" },
        new("营业时间", "营业时间牌标示08:00—24:00；前台系统显示前一日最后下机时间为23:52。", CheckResult.Compliant) { Basis = "网吧条例第二十一条" },
        new("场所与中小学校距离", "经现场测量，场所出入口距最近的民治小学校门约460米。", CheckResult.Compliant) { Basis = "网吧条例第九条" },
        new("文化市场技术监管系统运行", "服务器机房内监管系统客户端运行，最近一次数据上传时间为当日14时20分。", CheckResult.Compliant),
        new("从业人员年龄", "现场从业人员4名，查验身份证件，均已年满十八周岁。", CheckResult.Compliant) { Basis = "未成年人保护法第六十一条" },
        new("消防安全通道", "两处安全出口畅通，应急照明及疏散指示标志工作正常。", CheckResult.NotApplicable),
    ];

    public static TableDocument RouteSheet(int stops = 12) => new()
    {
        Title = "联合检查路线单",
        Subtitle = ["民治街道联合检查第3组　　检查日期：2026年11月23日　　带队：林晓东"],
        NumberRows = true,
        Columns =
        [
            new("场所名称", 2.2), new("类型", 0.9, TextAlign.Center), new("地址", 2.6), new("计划到达", 0.9, TextAlign.Center),
            new("检查事项", 3), new("参加部门", 1.6),
        ],
        Rows = Enumerable.Range(0, stops).Select(i => (IReadOnlyList<string>)
        [
            $"星光网络会所{i + 1}号店", i % 3 == 0 ? "网吧" : i % 3 == 1 ? "KTV" : "酒店",
            $"深圳市龙华区民治街道民康路{88 + i * 7}号", $"{9 + i * 25 / 60 % 12:D2}:{i * 25 % 60:D2}",
            "未成年人禁入标志；身份证件核对与登记；从业人员年龄；烟草标识", "市场监管、文旅、派出所",
        ]).ToList(),
        Notes = ["说明：到达时间为计划时间；每个场所检查完毕后在系统中提交现场笔录。"],
        SignOffLabels = ["制表人", "审核人"],
        Author = "深圳市龙华区民治街道办事处",
    };
}
