namespace PrivacyDesk.Web.Features.Api;

public sealed class ClientDisclosureInputValidator : AbstractValidator<ClientDisclosureInput>
{
    public ClientDisclosureInputValidator()
    {
        RuleFor(x => x.ClientCompany).NotEmpty().MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
            .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
        RuleFor(x => x.ClientEmail).MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
        RuleFor(x => x.DisclosedOn).NotEqual(default(DateOnly));
        RuleFor(x => x.What).MaximumLength(100);
        RuleFor(x => x.PurposeCode).NotEmpty().MaximumLength(60);
    }
}
