using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Templates;

namespace Inspections.Infrastructure.Documents;

/// <summary>
/// 现场笔录 of one joint visit: who, when, where, the identification and recusal formalities, an objective description of
/// every checked item with photo references, the party's comments, and signature lines on every page.
/// </summary>
public sealed record InspectionRecordDocument : IPrintableDocument
{
    /// <summary>The authority (lead department) keeping the record.</summary>
    public required string IssuingAuthority { get; init; }

    public string Title { get; init; } = "现场笔录";

    public string? Number { get; init; }

    /// <summary>Local times (Asia/Shanghai).</summary>
    public required DateTime StartedAt { get; init; }

    public required DateTime EndedAt { get; init; }

    public required string Place { get; init; }

    /// <summary>At least two officers (行政处罚法 Art. 42).</summary>
    public required IReadOnlyList<RecordOfficer> Officers { get; init; }

    public string? Recorder { get; init; }

    /// <summary>The officers showed their enforcement IDs (出示执法证件).</summary>
    public bool IdentificationShown { get; init; } = true;

    public required DocumentParty Party { get; init; }

    public required PersonPresent PersonPresent { get; init; }

    /// <summary>The party was told of the right to ask for recusal (回避).</summary>
    public bool RecusalNoticeGiven { get; init; } = true;

    public bool RecusalRequested { get; init; }

    /// <summary>The answer as spoken, e.g. 不申请回避。</summary>
    public string? RecusalAnswer { get; init; }

    public required IReadOnlyList<CheckedItem> Items { get; init; }

    public string? OtherObservations { get; init; }

    /// <summary>当事人意见; null leaves room for handwriting.</summary>
    public string? PartyComments { get; init; }

    /// <summary>Filled in when signed electronically; null prints blanks.</summary>
    public RecordSignatures? Signatures { get; init; }

    public DocumentLayout Compose() => InspectionRecordTemplate.Compose(this);
}

public sealed record RecordOfficer(string Name, string Department, string EnforcementIdNumber);

/// <summary>The person present for the party (现场负责人).</summary>
public sealed record PersonPresent(string Name)
{
    /// <summary>职务 or relation to the party, e.g. 店长.</summary>
    public string? Role { get; init; }

    public string? Phone { get; init; }

    /// <summary>Printed as given: mask it before if the document leaves the authority.</summary>
    public string? IdentityNumber { get; init; }
}

public enum CheckResult
{
    Compliant,
    NonCompliant,
    NotApplicable,
}

/// <summary>One checked item: what was checked, what was seen (objectively — no 违法/涉嫌/擅自), the result and photos.</summary>
public sealed record CheckedItem(string Item, string Observation, CheckResult Result)
{
    /// <summary>Photo references, e.g. 照片1 or a file number.</summary>
    public IReadOnlyList<string> PhotoRefs { get; init; } = [];

    /// <summary>Legal basis of the item, printed small under it; optional.</summary>
    public string? Basis { get; init; }
}

public sealed record RecordSignatures
{
    public string? Party { get; init; }

    /// <summary>The party's handwritten signature captured on the tablet; printed above <see cref="Party"/>.</summary>
    public DocumentImage? PartyImage { get; init; }

    public bool PartyRefused { get; init; }

    public string? Witness { get; init; }

    /// <summary>The witness's signature when the party refused; printed above <see cref="Witness"/>.</summary>
    public DocumentImage? WitnessImage { get; init; }

    /// <summary>The officers' signatures in signing order; empty leaves the line for signing by hand.</summary>
    public IReadOnlyList<SignatureMark> Officers { get; init; } = [];

    public DateOnly? SignedOn { get; init; }
}

/// <summary>A signer's name and, when signed electronically, the signature (missing file: a blank box above the name).</summary>
public sealed record SignatureMark(string Name)
{
    public DocumentImage? Image { get; init; }
}
