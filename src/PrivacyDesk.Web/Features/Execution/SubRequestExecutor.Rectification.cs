using System.Reflection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Rectification (RECT-*): corrections and supplementary statements on the candidate's records.</summary>
public sealed partial class SubRequestExecutor
{
    // ---------------------------------------------------------------- rectification (RECT-*)

    private void Rectify(Run run)
    {
        var details = SubRequestDetails.From(run.Sub);
        foreach (var item in details.Corrections ?? [])
        {
            var lines = run.Plan.Lines.Where(l => l.RecordSet == item.RecordSet && l.Outcome is PlanOutcome.Correct or PlanOutcome.AddStatement).ToList();
            if (lines.Count == 0)
                continue; // refused or not found: the answer explains it (RECT-8)
            var ids = lines.SelectMany(l => l.RecordIds).ToHashSet();
            var statement = lines.Any(l => l.Outcome == PlanOutcome.AddStatement);
            var targets = item.RecordSet == RecordSet.CandidateProfile
                ? (ids.Contains(run.Candidate.Id) ? [run.Candidate] : [])
                : ids.Select(run.Records.Find).Where(r => r is not null).Cast<object>().ToList();
            foreach (var target in targets)
            {
                if (statement)
                    AddStatement(run, item, target);
                else
                    Correct(run, item, target);
            }
        }
    }

    private static PropertyInfo? Field(object target, string field)
    {
        var name = field.Trim().Equals("NationalNumber", StringComparison.OrdinalIgnoreCase) ? nameof(Candidate.NationalNumberEncrypted) : field.Trim();
        return target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
    }

    private void Correct(Run run, RectificationDetail item, object target)
    {
        var property = Field(target, item.Field);
        if (property is null)
            return;
        var before = CandidateRecordAccess.Format(property.GetValue(target));
        if (item.CurrentValue is not null && !string.Equals(before?.Trim(), item.CurrentValue.Trim(), StringComparison.OrdinalIgnoreCase))
            return; // the plan matched records by their current value
        var recordId = target is CandidateRecord r ? r.Id : run.Candidate.Id;

        // The national number is stored encrypted by the intake; it cannot be re-encrypted here: a back-office task does it.
        if (property.Name == nameof(Candidate.NationalNumberEncrypted)
            || !CandidateRecordAccess.TryConvert(item.NewValue, property.PropertyType, out var value))
        {
            db.Tasks.Add(new WorkTask(run.Request.Id, WorkTaskKind.ApplyRectification,
                $"Apply correction of {property.Name} ({item.RecordSet})",
                $"Correct {property.Name} of record {recordId} in {item.RecordSet} to the value the person gave in the request; this field cannot be changed automatically.",
                $"Rectification — {item.RecordSet}: Art. 16 GDPR (RECT-1)", run.Now));
            return;
        }

        if (target is PayrollRecord or TaxRecord)
        {
            // RECT-5: an issued payslip or tax record is corrected by a dated corrective entry; the original stays readable.
            var corrective = CorrectiveEntry((CandidateRecord)target, run.Today);
            property.SetValue(corrective, value);
            if (corrective is PayrollRecord p)
                run.Candidate.PayrollRecords.Add(p);
            else
                run.Candidate.TaxRecords.Add((TaxRecord)corrective);
            Audit(run, "rectification.corrective-entry", $"{item.RecordSet}: corrective entry {corrective.Id} for record {recordId}, field {property.Name} (RECT-5).",
                new { recordSet = item.RecordSet.ToString(), recordId, correctiveId = corrective.Id, field = property.Name, before, after = CandidateRecordAccess.Format(value) });
            return;
        }

        property.SetValue(target, value);
        Audit(run, "rectification.applied", $"{item.RecordSet}: field {property.Name} of record {recordId} corrected (RECT-1).",
            new { recordSet = item.RecordSet.ToString(), recordId, field = property.Name, before, after = CandidateRecordAccess.Format(value) });
    }

    private static CandidateRecord CorrectiveEntry(CandidateRecord original, DateOnly today)
    {
        CandidateRecord copy = original switch
        {
            PayrollRecord p => new PayrollRecord
            {
                CandidateId = p.CandidateId, DocumentType = p.DocumentType, Year = p.Year, Month = p.Month,
                GrossAmount = p.GrossAmount, NetAmount = p.NetAmount, BankAccount = p.BankAccount, Restricted = p.Restricted,
            },
            TaxRecord t => new TaxRecord
            {
                CandidateId = t.CandidateId, TaxYear = t.TaxYear, Form = t.Form, TaxableAmount = t.TaxableAmount,
                WithholdingTax = t.WithholdingTax, Restricted = t.Restricted,
            },
            _ => throw new InvalidOperationException("Only statutory records get corrective entries."),
        };
        copy.CollectedOn = today;
        return copy;
    }

    private static void AddStatement(Run run, RectificationDetail item, object target)
    {
        var recordId = target is CandidateRecord r ? r.Id : run.Candidate.Id;
        // RECT-3: the opinion stays as written; the person's own statement is stored next to it.
        switch (target)
        {
            case InterviewNote note:
                note.CandidateStatement = item.NewValue.Trim();
                break;
            case Evaluation evaluation:
                evaluation.CandidateStatement = item.NewValue.Trim();
                break;
            default:
                return;
        }
        Audit(run, "rectification.statement-added", $"{item.RecordSet}: the person's statement added to record {recordId} (RECT-3).",
            new { recordSet = item.RecordSet.ToString(), recordId, field = item.Field, statement = item.NewValue.Trim() });
    }
}
