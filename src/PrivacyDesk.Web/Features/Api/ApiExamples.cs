using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>The request bodies shown in the OpenAPI document (docs/api.md has the same, run by a test).</summary>
public static class ApiExamples
{
    public const string Request = """
        { "types": ["Erasure"], "channel": "Post", "receivedAt": "2026-11-16T10:15:00+01:00", "language": "nl",
          "requester": { "firstName": "An", "lastName": "Peeters", "email": "an.peeters@example.be",
                         "phone": "+32470123456", "dateOfBirth": "1990-04-12" },
          "details": { } }
        """;

    public const string Candidate = """
        { "externalReference": "ATS-10042", "firstName": "An", "lastName": "Peeters", "email": "an.peeters@example.be",
          "phone": "+32470123456", "dateOfBirth": "1990-04-12", "language": "nl", "city": "Gent", "country": "BE",
          "nationalNumber": "90.04.12-123.77", "employmentStatus": "FormerWorker", "lastWorkingDay": "2025-06-30", "source": "ATS",
          "records": {
            "applications": [ { "vacancyTitle": "Magazijnier", "vacancyReference": "V-881", "appliedOn": "2025-01-10", "status": "Hired" } ],
            "documents": [ { "kind": "Cv", "fileName": "cv-an-peeters.pdf", "contentType": "application/pdf", "content": "JVBERi0xLjQKJcfsj6IK" } ],
            "assignments": [ { "clientCompany": "Logistiek Gent NV", "jobTitle": "Magazijnier", "startDate": "2025-02-01", "endDate": "2025-06-30", "hourlyWage": 15.20 } ],
            "consents": [ { "purposeCode": "newsletter", "givenAt": "2025-01-10T09:00:00+01:00", "method": "web form", "evidence": "double opt-in mail confirmed 2025-01-10 09:14", "doubleOptIn": true } ]
          } }
        """;

    public const string Identity = """
        { "action": "Verify", "candidateId": "0b9f6a3e-5c1d-4e2f-9a7b-3c8d2e1f4a5b", "method": "Signed letter; name, date of birth and address match the ATS record",
          "why": "Same name, date of birth, e-mail address and phone number", "version": 912345 }
        """;

    public const string Decision = """
        { "outcome": "Approved", "version": 912377 }
        """;

    public const string Extension = """
        { "reasonCode": "hard-to-retrieve", "reasonDetails": "Part of your data is in the archives of our Gent office, which we need to search by hand.",
          "newDueOn": "2027-02-16", "version": 912345 }
        """;

    public const string FinishTask = """
        { "status": "Done", "note": "Sent the prepared message to hr@logistiek-gent.example on 2026-11-23." }
        """;

    public const string LegalHold = """
        { "candidateId": "0b9f6a3e-5c1d-4e2f-9a7b-3c8d2e1f4a5b", "purposeCodes": ["payroll"], "reason": "Litigation", "externalReference": "AR Gent 26/123",
          "description": "Claim about overtime pay before the labour court", "endCondition": "Final judgment plus the appeal period", "reviewOn": "2027-03-01" }
        """;

    public const string LiftLegalHold = """
        { "reason": "Claim settled on 2026-11-20." }
        """;

    public const string Disclosure = """
        { "externalReference": "ATS-10042", "clientCompany": "Logistiek Gent NV", "clientEmail": "hr@logistiek-gent.example",
          "disclosedOn": "2025-01-20", "what": "CV", "purposeCode": "client-presentation" }
        """;
}
