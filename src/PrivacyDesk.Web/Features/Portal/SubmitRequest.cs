using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The public request form's command: one or several rights, identity fields (never the national number or
/// an ID copy, ID-5), and the type-specific answers of product.md §2. The form's client GUID makes a refresh
/// or double click create one request.
/// </summary>
public static class SubmitRequest
{
    /// <summary>The profile fields a candidate may ask to correct (rectification).</summary>
    public static readonly string[] CorrectableFields = ["FirstName", "LastName", "Email", "Phone", "Street", "PostalCode", "City", "DateOfBirth"];

    public sealed class CorrectionInput
    {
        public string? Field { get; set; }
        public string? CurrentValue { get; set; }
        public string? NewValue { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Field) && string.IsNullOrWhiteSpace(NewValue) && string.IsNullOrWhiteSpace(CurrentValue);
    }

    /// <summary>Everything binds as text or a flag, so no input can fail model binding with an unlocalised message.</summary>
    [Public]
    public sealed class Command : ICommand<Result>
    {
        public const int MaxCorrections = 3;

        public string SubmissionKey { get; set; } = "";
        public List<string> Types { get; set; } = [];
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? DateOfBirth { get; set; }
        public string Language { get; set; } = "nl";
        public bool ContactConsent { get; set; }
        public string? Description { get; set; }

        public List<CorrectionInput> Corrections { get; set; } = [new(), new(), new()];
        public string? RectificationExplanation { get; set; }
        public bool RestrictWhileChecking { get; set; }

        public string? RestrictionGround { get; set; }
        public string? RestrictionExplanation { get; set; }

        public string PortabilityFormat { get; set; } = "both";
        public string? PortabilityOtherController { get; set; }

        public List<string> ObjectionPurposes { get; set; } = [];
        public bool ObjectionMarketing { get; set; }
        public string? ObjectionGrounds { get; set; }

        public List<string> ConsentPurposes { get; set; } = [];
        public bool ConsentAll { get; set; }

        public string? ErasureExplanation { get; set; }
        public bool ErasureRestrictFallback { get; set; }

        public bool Asks(RequestType type) => Types.Contains(type.ToString());

        public IReadOnlyList<RequestType> ParsedTypes() =>
            Types.Select(t => Enum.TryParse<RequestType>(t, out var v) && Enum.IsDefined(v) ? v : (RequestType?)null)
                .Where(t => t is not null).Select(t => t!.Value).Distinct().OrderBy(t => t).ToList();

        /// <summary>Art. 21(1): purposes based on legitimate interests or a public task; marketing has its own box (21(2)).</summary>
        public static bool IsObjectable(ProcessingPurpose p) =>
            p.LegalBasis is LegalBasis.LegitimateInterests or LegalBasis.PublicTask && !p.IsMarketing;
    }

    public sealed record Result(string SubmissionKey, string Reference, bool AlreadyExisted);

    public sealed class Validator : AbstractValidator<Command>
    {
        // Built once (singleton: its rule tree cost a tenth of the form's CPU when built per post, docs/performance.md), so
        // nothing per request is captured: today is read at validation time, the database through a scope of its own.
        public Validator(IStringLocalizer<Validator> l, IServiceScopeFactory scopes, TimeProvider clock)
        {
            RuleFor(c => c.SubmissionKey).Must(k => Guid.TryParse(k, out _)).WithMessage(_ => l["Portal.Val.FormExpired"]);
            RuleFor(c => c.Types).Must(t => t.Count > 0).WithMessage(_ => l["Portal.Val.ChooseRight"])
                .Must(t => t.All(x => Enum.TryParse<RequestType>(x, out var v) && Enum.IsDefined(v))).WithMessage(_ => l["Portal.Val.ChooseRight"]);

            RuleFor(c => c.FirstName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.FirstNameRequired"])
                .MaximumLength(100).WithMessage(_ => l["Portal.Val.TooLong", 100])
                .Must(PortalInput.IsName).WithMessage(_ => l["Portal.Val.Name"]);
            RuleFor(c => c.LastName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.LastNameRequired"])
                .MaximumLength(100).WithMessage(_ => l["Portal.Val.TooLong", 100])
                .Must(PortalInput.IsName).WithMessage(_ => l["Portal.Val.Name"]);
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.EmailRequired"])
                .MaximumLength(254).WithMessage(_ => l["Portal.Val.TooLong", 254])
                .Must(PortalInput.IsEmail).WithMessage(_ => l["Portal.Val.Email"]);
            RuleFor(c => c.Phone).Cascade(CascadeMode.Stop)
                .MaximumLength(30).WithMessage(_ => l["Portal.Val.TooLong", 30])
                .Must(PortalInput.IsPhone).WithMessage(_ => l["Portal.Val.Phone"])
                .When(c => !string.IsNullOrWhiteSpace(c.Phone));
            RuleFor(c => c.DateOfBirth).Cascade(CascadeMode.Stop)
                .Must(d => PortalInput.ParseDate(d) is not null).WithMessage(_ => l["Portal.Val.Date"])
                .Must(d => PortalInput.IsPlausibleBirthDate(PortalInput.ParseDate(d)!.Value, Domain.Deadlines.BrusselsTime.Today(clock))).WithMessage(_ => l["Portal.Val.BirthDate"])
                .When(c => !string.IsNullOrWhiteSpace(c.DateOfBirth));
            RuleFor(c => c.Language).Must(x => PortalFormat.Languages.Contains(x)).WithMessage(_ => l["Portal.Val.Language"]);
            FreeText(RuleFor(c => c.Description), l, 4000);

            When(c => c.Asks(RequestType.Rectification), () =>
            {
                RuleFor(c => c).Must(c => c.Corrections.Any(x => !x.IsEmpty) || !string.IsNullOrWhiteSpace(c.RectificationExplanation))
                    .WithName("RectificationExplanation").OverridePropertyName("RectificationExplanation")
                    .WithMessage(_ => l["Portal.Val.RectificationWhat"]);
                RuleForEach(c => c.Corrections).ChildRules(row =>
                {
                    row.RuleFor(x => x.Field).Must(f => CorrectableFields.Contains(f)).WithMessage(_ => l["Portal.Val.ChooseField"])
                        .When(x => !x.IsEmpty);
                    row.RuleFor(x => x.NewValue).Cascade(CascadeMode.Stop)
                        .NotEmpty().WithMessage(_ => l["Portal.Val.NewValueRequired"])
                        .MaximumLength(200).WithMessage(_ => l["Portal.Val.TooLong", 200])
                        .Must(PortalInput.IsPlainText).WithMessage(_ => l["Portal.Val.NoMarkup"])
                        .When(x => !x.IsEmpty);
                    row.RuleFor(x => x.NewValue).Must(PortalInput.IsEmail).WithMessage(_ => l["Portal.Val.Email"])
                        .When(x => x.Field == "Email" && !string.IsNullOrWhiteSpace(x.NewValue));
                    row.RuleFor(x => x.NewValue).Must(v => PortalInput.ParseDate(v) is { } d && PortalInput.IsPlausibleBirthDate(d, Domain.Deadlines.BrusselsTime.Today(clock)))
                        .WithMessage(_ => l["Portal.Val.BirthDate"])
                        .When(x => x.Field == "DateOfBirth" && !string.IsNullOrWhiteSpace(x.NewValue));
                    row.RuleFor(x => x.NewValue).Must(PortalInput.IsPhone).WithMessage(_ => l["Portal.Val.Phone"])
                        .When(x => x.Field == "Phone" && !string.IsNullOrWhiteSpace(x.NewValue));
                    row.RuleFor(x => x.CurrentValue).Cascade(CascadeMode.Stop)
                        .MaximumLength(200).WithMessage(_ => l["Portal.Val.TooLong", 200])
                        .Must(PortalInput.IsPlainText).WithMessage(_ => l["Portal.Val.NoMarkup"]);
                });
                FreeText(RuleFor(c => c.RectificationExplanation), l, 4000);
            });

            When(c => c.Asks(RequestType.Restriction), () =>
            {
                RuleFor(c => c.RestrictionGround).Must(g => Enum.TryParse<RestrictionGround>(g, out var v) && Enum.IsDefined(v))
                    .WithMessage(_ => l["Portal.Val.ChooseGround"]);
                FreeText(RuleFor(c => c.RestrictionExplanation), l, 4000);
            });

            When(c => c.Asks(RequestType.Portability), () =>
            {
                RuleFor(c => c.PortabilityFormat).Must(f => f is "json" or "csv" or "both").WithMessage(_ => l["Portal.Val.ChooseFormat"]);
                FreeText(RuleFor(c => c.PortabilityOtherController), l, 200);
            });

            When(c => c.Asks(RequestType.Objection), () =>
            {
                RuleFor(c => c.ObjectionPurposes).Must((c, p) => p.Count > 0 || c.ObjectionMarketing).WithMessage(_ => l["Portal.Val.ChooseProcessing"])
                    .MustAsync(async (p, ct) => await AllExistAsync(scopes, p, IsObjectableCode, ct)).WithMessage(_ => l["Portal.Val.ChooseProcessing"]);
                RuleFor(c => c.ObjectionGrounds).NotEmpty().WithMessage(_ => l["Portal.Val.GroundsRequired"])
                    .When(c => c.ObjectionPurposes.Count > 0);
                FreeText(RuleFor(c => c.ObjectionGrounds), l, 4000);
            });

            When(c => c.Asks(RequestType.ConsentWithdrawal), () =>
            {
                RuleFor(c => c.ConsentPurposes).Must((c, p) => p.Count > 0 || c.ConsentAll).WithMessage(_ => l["Portal.Val.ChooseConsent"])
                    .MustAsync(async (p, ct) => await AllExistAsync(scopes, p, x => x.LegalBasis == LegalBasis.Consent, ct)).WithMessage(_ => l["Portal.Val.ChooseConsent"]);
            });

            When(c => c.Asks(RequestType.Erasure), () => FreeText(RuleFor(c => c.ErasureExplanation), l, 4000));
        }

        private static bool IsObjectableCode(ProcessingPurpose p) => Command.IsObjectable(p);

        private static async Task<bool> AllExistAsync(IServiceScopeFactory scopes, List<string> codes, Func<ProcessingPurpose, bool> allowed, CancellationToken ct)
        {
            if (codes.Count == 0)
                return true;
            if (codes.Count > 50)
                return false;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
            var found = await db.Purposes.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct);
            return codes.Distinct().All(c => found.Any(p => p.Code == c && allowed(p)));
        }

        private static void FreeText(IRuleBuilderInitial<Command, string?> rule, IStringLocalizer l, int max) =>
            rule.Cascade(CascadeMode.Stop)
                .MaximumLength(max).WithMessage(_ => l["Portal.Val.TooLong", max])
                .Must(PortalInput.IsPlainText).WithMessage(_ => l["Portal.Val.NoMarkup"]);
    }

    public sealed class Handler(PrivacyDeskDbContext db, RequestIntake intake, PortalMail mail, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command c, CancellationToken cancellationToken)
        {
            var key = Guid.Parse(c.SubmissionKey).ToString();
            var existing = await db.Requests.AsNoTracking().Where(r => r.SubmissionKey == key).Select(r => r.Reference).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
                return new Result(key, existing, AlreadyExisted: true);

            var requester = new DataSubjectRequest.Requester(c.FirstName!.Trim(), c.LastName!.Trim(), c.Email!.Trim(),
                string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim(), PortalInput.ParseDate(c.DateOfBirth));
            var created = await intake.ReceiveAsync(new RequestIntake.Input(Channel.Web, null, c.Language, requester, Rights(c),
                c.Description, c.ContactConsent, key), "candidate", cancellationToken);

            var now = clock.GetUtcNow();
            var verification = Tokens.New();
            var expires = now + PortalMail.VerificationLifetime;
            created.Request.IssueVerificationToken(Tokens.Hash(verification), expires, now, "system");
            // One e-mail: the acknowledgement carries the verification link.
            await mail.AcknowledgeAsync(created.Request, created.StatusToken, verification, expires, cancellationToken);
            return new Result(key, created.Request.Reference, AlreadyExisted: false);
        }

        /// <summary>One sub-request per right with only the details that right needs (product.md §2).</summary>
        public static List<DataSubjectRequest.SubRequestInput> Rights(Command c)
        {
            var types = c.ParsedTypes();
            var rights = new List<DataSubjectRequest.SubRequestInput>();
            foreach (var type in types)
            {
                SubRequestDetails? details = type switch
                {
                    RequestType.Rectification => new SubRequestDetails
                    {
                        Corrections = c.Corrections.Where(x => !x.IsEmpty)
                            .Select(x => new RectificationDetail(RecordSet.CandidateProfile, x.Field!, Clean(x.CurrentValue), x.NewValue!.Trim()))
                            .ToList(),
                        Explanation = Clean(c.RectificationExplanation),
                        RestrictMeanwhile = c.RestrictWhileChecking,
                    },
                    RequestType.Restriction => new SubRequestDetails
                    {
                        RestrictionGround = Enum.Parse<RestrictionGround>(c.RestrictionGround!),
                        Explanation = Clean(c.RestrictionExplanation),
                    },
                    RequestType.Portability => new SubRequestDetails
                    {
                        Format = c.PortabilityFormat,
                        SendToController = Clean(c.PortabilityOtherController),
                    },
                    RequestType.Objection => new SubRequestDetails
                    {
                        PurposeCodes = c.ObjectionPurposes.Count > 0 ? c.ObjectionPurposes.Distinct().ToList() : [],
                        Marketing = c.ObjectionMarketing,
                        Explanation = Clean(c.ObjectionGrounds),
                    },
                    RequestType.ConsentWithdrawal => new SubRequestDetails
                    {
                        ConsentPurposeCodes = c.ConsentAll ? null : c.ConsentPurposes.Distinct().ToList(),
                    },
                    RequestType.Erasure => new SubRequestDetails { Explanation = Clean(c.ErasureExplanation) },
                    _ => null,
                };
                rights.Add(new DataSubjectRequest.SubRequestInput(type, details?.ToJson()));
            }

            // 2.0.8: "restrict instead where you cannot erase" becomes a restriction sub-request that the plan
            // engine applies to exactly the data the erasure keeps.
            if (types.Contains(RequestType.Erasure) && c.ErasureRestrictFallback && !types.Contains(RequestType.Restriction))
            {
                rights.Add(new DataSubjectRequest.SubRequestInput(RequestType.Restriction, new SubRequestDetails
                {
                    RestrictionGround = Domain.Requests.RestrictionGround.UnlawfulProcessing,
                    Explanation = "Fallback for the erasure request: restrict what cannot be erased (2.0.8).",
                }.ToJson()));
            }
            return rights;
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
