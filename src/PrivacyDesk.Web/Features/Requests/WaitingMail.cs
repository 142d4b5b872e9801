using System.Globalization;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>The e-mails that tell the person where a wait stands (CLK-2, CLK-4, FEE-8), in the request's language.</summary>
public sealed class WaitingMail(StaffMail mail, RulesConfiguration rules)
{
    private static readonly LocalizedText ClockPaused = new(
        "Zolang wij op uw antwoord wachten, loopt de termijn niet verder; uw actuele uiterste datum ziet u op de statuspagina.",
        "Tant que nous attendons votre réponse, le délai est suspendu ; la date limite actuelle figure sur votre page de suivi.",
        "While we wait for your answer the time limit is paused; your status page always shows the current due date.");

    private static readonly LocalizedText ClockRunning = new(
        "De termijn om u te antwoorden loopt intussen gewoon verder.",
        "Le délai pour vous répondre continue entre-temps de courir.",
        "The time limit for our answer keeps running in the meantime.");

    private int AbandonAfterDays => rules.Clock.AbandonAfterDays;

    public Task QuestionAsync(DataSubjectRequest request, string message)
    {
        var wait = OpenWait(request);
        return mail.QueueAsync("lifecycle-question", request, new Dictionary<string, string>
        {
            ["Message"] = message,
            ["ClockNote"] = (wait?.Necessary == true ? ClockPaused : ClockRunning).For(request.Language),
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
        });
    }

    public Task ReminderAsync(DataSubjectRequest request) =>
        mail.QueueAsync("lifecycle-reminder", request, new Dictionary<string, string>
        {
            ["AskedOn"] = Date(OpenWait(request)?.AskedOn),
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
        });

    /// <summary>CLK-4: the closing notice carries the Art. 12(4) elements and never says whether data exist.</summary>
    public Task AbandonedAsync(DataSubjectRequest request, DateOnly askedOn) =>
        mail.QueueAsync("lifecycle-abandoned", request, new Dictionary<string, string>
        {
            ["AskedOn"] = Date(askedOn),
            ["Days"] = AbandonAfterDays.ToString(CultureInfo.InvariantCulture),
            ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(request.Language),
        });

    public Task AnswerReceivedAsync(DataSubjectRequest request, DateOnly receivedOn) =>
        mail.QueueAsync("lifecycle-answer-received", request, new Dictionary<string, string> { ["ReceivedOn"] = Date(receivedOn) });

    public Task FeeNoticeAsync(DataSubjectRequest request) =>
        mail.QueueAsync("lifecycle-fee-notice", request, new Dictionary<string, string>
        {
            ["Facts"] = request.AbuseFacts ?? "",
            ["Amount"] = Amount(request.FeeAmount),
            ["Basis"] = request.FeeBasis ?? "",
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
            ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(request.Language),
        });

    public Task FeePaidAsync(DataSubjectRequest request, DateOnly receivedOn) =>
        mail.QueueAsync("lifecycle-fee-paid", request, new Dictionary<string, string>
        {
            ["Amount"] = Amount(request.FeeAmount),
            ["ReceivedOn"] = Date(receivedOn),
        });

    private static WaitingPeriod? OpenWait(DataSubjectRequest request) =>
        request.WaitingPeriods.Where(w => w.ReceivedOn is null).MaxBy(w => w.AskedOn);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Amount(decimal? amount) => (amount ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
}
