using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

/// <summary>Manifestly unfounded or excessive requests and their fee (gdpr-rules.md §6, FEE-2, FEE-6..FEE-8).</summary>
public sealed partial class DataSubjectRequest
{
    public AbuseClassification? AbuseClassification { get; private set; }

    /// <summary>FEE-2: the facts relied on (earlier requests with dates and scope, statements by the person).</summary>
    public string? AbuseFacts { get; private set; }

    public DateTimeOffset? AbuseClassifiedAt { get; private set; }
    public string? AbuseClassifiedBy { get; private set; }

    /// <summary>FEE-7: the amount in euro, quoted in advance.</summary>
    public decimal? FeeAmount { get; private set; }

    /// <summary>FEE-7: how the amount follows from the administrative cost of this request.</summary>
    public string? FeeBasis { get; private set; }

    public FeeStatus? FeeStatus { get; private set; }

    /// <summary>FEE-2: only the DPO classifies, and the record lists the facts relied on.</summary>
    public void Classify(AbuseClassification classification, string facts, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(facts))
            throw new DomainException("fee.facts", "State the facts relied on (previous requests with dates and scope, statements by the person).", "FEE-2");
        AbuseClassification = classification;
        AbuseFacts = facts.Trim();
        AbuseClassifiedAt = now;
        AbuseClassifiedBy = actor;
        Record(now, actor, "request.classified", $"Classified as {classification} (FEE-2). Facts: {AbuseFacts}");
    }

    /// <summary>
    /// FEE-6..FEE-8: a fee fits an excessive request; its amount and basis are told to the person before anything is
    /// charged, and the clock waits as CLOCK_FEE says (a Fee wait, CLK-1).
    /// </summary>
    public void ChargeFee(decimal amount, string basis, DateOnly today, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        if (AbuseClassification != Requests.AbuseClassification.Excessive)
            throw new DomainException("fee.not-excessive", "A fee can only be charged for a request classified as excessive, with its facts.", "FEE-6");
        if (amount <= 0 || amount > 10_000 || decimal.Round(amount, 2) != amount)
            throw new DomainException("fee.amount", "Give the fee in euro, more than 0, with at most two decimals.", "FEE-7");
        if (string.IsNullOrWhiteSpace(basis))
            throw new DomainException("fee.basis", "Explain how the fee follows from the administrative cost of this request.", "FEE-7");
        if (FeeStatus == Requests.FeeStatus.Requested)
            throw new DomainException("fee.twice", "A fee is already waiting for payment.", "FEE-8");
        FeeAmount = amount;
        FeeBasis = basis.Trim();
        FeeStatus = Requests.FeeStatus.Requested;
        AskDataSubject(Requests.WaitingReason.Fee, $"Fee of EUR {amount:0.00} for an excessive request: {FeeBasis}", necessary: true, today, now, actor);
        Record(now, actor, "request.fee-set", $"Fee of EUR {amount:0.00} notified before charging (FEE-8); basis: {FeeBasis} (FEE-7).");
    }

    /// <summary>The fee was paid: the fee wait ends today and the request is handled (CLK-3).</summary>
    public void RecordFeePaid(DateOnly today, DateTimeOffset now, string actor)
    {
        EnsureFeeWaiting();
        FeeStatus = Requests.FeeStatus.Paid;
        ReceiveFromDataSubject(today, now, actor);
        Record(now, actor, "request.fee-paid", $"Fee of EUR {FeeAmount:0.00} paid.");
    }

    /// <summary>
    /// The person refused to pay: the wait ends and the request is refused on the excessive ground, carrying the facts
    /// and the fee that was asked (FEE-10, N1).
    /// </summary>
    public void RecordFeeNotPaid(string reasonText, DateOnly today, DateTimeOffset now, string actor)
    {
        EnsureFeeWaiting();
        FeeStatus = Requests.FeeStatus.NotPaid;
        ReceiveFromDataSubject(today, now, actor);
        Record(now, actor, "request.fee-not-paid", $"Fee of EUR {FeeAmount:0.00} not paid.");
        Decide(DecisionOutcome.Refused, reasonText, now, actor);
    }

    /// <summary>FEE-2, FEE-10: a refusal as manifestly unfounded or excessive states the facts the DPO recorded.</summary>
    public string RefusalFacts(AbuseClassification ground)
    {
        if (AbuseClassification != ground || string.IsNullOrWhiteSpace(AbuseFacts))
            throw new DomainException("fee.not-classified",
                "Classify the request on this ground with its facts before refusing it on that ground.", "FEE-2");
        return AbuseFacts;
    }

    private void EnsureFeeWaiting()
    {
        if (Status != RequestStatus.AwaitingDataSubject || WaitingReason != Requests.WaitingReason.Fee || FeeStatus != Requests.FeeStatus.Requested)
            throw new DomainException("fee.not-waiting", "This request is not waiting for a fee.", "FEE-8");
    }
}
