namespace Inspections.Infrastructure.Documents;

/// <summary>当事人 as printed on documents.</summary>
public sealed record DocumentParty(string Name)
{
    /// <summary>统一社会信用代码 (18 characters).</summary>
    public string? UnifiedSocialCreditCode { get; init; }

    /// <summary>住所（经营场所）.</summary>
    public string? Address { get; init; }

    /// <summary>法定代表人（负责人、经营者）.</summary>
    public string? LegalRepresentative { get; init; }

    public string? Phone { get; init; }
}
