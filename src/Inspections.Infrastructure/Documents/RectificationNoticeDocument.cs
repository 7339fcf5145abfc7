using Inspections.Infrastructure.Documents.Layout;
using Inspections.Infrastructure.Documents.Templates;

namespace Inspections.Infrastructure.Documents;

/// <summary>
/// 责令（限期）改正通知书: one per department that found violations during a joint visit. Free text is printed as given;
/// the fixed legal wording (行政处罚法 Art. 28, review and lawsuit rights) comes from the template.
/// </summary>
public sealed record RectificationNoticeDocument : IPrintableDocument
{
    /// <summary>Issuing authority, e.g. 深圳市龙华区市场监督管理局.</summary>
    public required string IssuingAuthority { get; init; }

    public string Title { get; init; } = "责令（限期）改正通知书";

    /// <summary>文号, e.g. 龙华市监责改〔2026〕17号 (see <see cref="DocumentNumber"/>; the format is local).</summary>
    public required string Number { get; init; }

    public required DocumentParty Party { get; init; }

    /// <summary>How the authority names itself in the text: 本局, 本机关, 本大队…</summary>
    public string SelfReference { get; init; } = "本局";

    /// <summary>Facts found (经查…): what, when, where, objectively.</summary>
    public required string FactsFound { get; init; }

    /// <summary>Provisions breached, e.g. 《中华人民共和国未成年人保护法》第五十八条.</summary>
    public required IReadOnlyList<string> ProvisionsBreached { get; init; }

    /// <summary>The general basis for ordering correction.</summary>
    public string GeneralLegalBasis { get; init; } = "《中华人民共和国行政处罚法》第二十八条第一款";

    /// <summary>The specific article(s) empowering the order, e.g. 《中华人民共和国未成年人保护法》第一百二十三条.</summary>
    public required IReadOnlyList<string> SpecificLegalBasis { get; init; }

    /// <summary>What must be corrected; each item may have an earlier deadline, or none (立即改正).</summary>
    public required IReadOnlyList<RequiredCorrection> Corrections { get; init; }

    /// <summary>Overall deadline (the re-inspection falls due then).</summary>
    public required DateOnly Deadline { get; init; }

    /// <summary>Consequences of not correcting, e.g. 逾期不改正的，本局将依据…予以处罚。</summary>
    public required string Consequences { get; init; }

    /// <summary>Where an administrative review may be applied for within 60 days, e.g. 深圳市龙华区人民政府.</summary>
    public required string ReviewAuthority { get; init; }

    /// <summary>Where a lawsuit may be filed within 6 months, e.g. 深圳市龙华区人民法院.</summary>
    public required string Court { get; init; }

    public required DateOnly IssuedOn { get; init; }

    public string? ContactPerson { get; init; }

    public string? ContactPhone { get; init; }

    /// <summary>URL printed as a QR code for checking the notice's authenticity; null for none.</summary>
    public string? VerificationUrl { get; init; }

    /// <summary>Filled in when the receipt was signed electronically; null prints blanks for handwriting.</summary>
    public NoticeReceipt? Receipt { get; init; }

    public DocumentLayout Compose() => RectificationNoticeTemplate.Compose(this);
}

/// <summary>One correction. No deadline means 立即改正 (on the spot).</summary>
public sealed record RequiredCorrection(string Action, DateOnly? Deadline = null);

/// <summary>送达回执: the party's signature, or the refusal with a witness.</summary>
public sealed record NoticeReceipt
{
    public string? SignedBy { get; init; }

    public DateOnly? SignedOn { get; init; }

    public bool Refused { get; init; }

    /// <summary>How the refusal happened and how the notice was left (留置送达).</summary>
    public string? RefusalCircumstances { get; init; }

    public string? Witness { get; init; }

    public string? ServedBy { get; init; }
}
