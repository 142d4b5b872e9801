namespace PrivacyDesk.Web.Features.Api;

// The bodies of the case endpoints (docs/api.md). Each maps onto the staff command the DPO detail page,
// the back-office case page or the legal-hold pages send; the field names are the commands' own, so the
// commands' validation errors name the JSON fields the client sent.

/// <summary>What the DPO does with the requester's identity (the actions of the DPO detail page's identity panel).</summary>
public enum IdentityAction
{
    /// <summary>Link the request to a candidate and mark the identity verified (ID-4); proofs are deleted (ID-6).</summary>
    Verify,

    /// <summary>Ask the requester for proof, clarification or a fee; the clock stops (CLK-2, ID-1).</summary>
    AskForInformation,

    /// <summary>No personal data about the requester are held (EDPB-ACC Ex. 38).</summary>
    NoDataHeld,

    /// <summary>The requester answered outside the portal (post, phone, desk): the wait ends on receivedOn (CLK-3).</summary>
    RecordAnswer,
}
