-- RS-1, RS-2: which Art. 18 request restricted a record or profile. Restricted data may only be stored, so the
-- retention sweep skips them; erasure remainders and held data (restricted too) keep a null here and stay sweepable
-- on their dates. Profiles restricted before this script carry the request reference in their note.
ALTER TABLE candidates ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE applications ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE assignments ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE candidate_documents ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE client_disclosures ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE complaints ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE consents ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE contact_messages ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE education ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE emergency_contacts ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE evaluations ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE interview_notes ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE language_skills ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE payroll_records ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE photos ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE professional_emails ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE survey_answers ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE tax_records ADD COLUMN restricted_by_request_id uuid NULL;
ALTER TABLE work_experience ADD COLUMN restricted_by_request_id uuid NULL;

UPDATE candidates c SET restricted_by_request_id = r.id
FROM requests r
WHERE c.restricted AND c.restriction_note = 'Art. 18 GDPR, request ' || r.reference;
