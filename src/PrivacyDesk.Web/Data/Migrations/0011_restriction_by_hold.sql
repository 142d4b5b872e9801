-- LH-3, LH-7: which legal hold restricted a record or profile when it was placed. Lifting the hold lifts exactly
-- these restrictions; data restricted by an Art. 18 request (restricted_by_request_id) or kept after an erasure
-- stay restricted.
ALTER TABLE candidates ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE applications ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE assignments ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE candidate_documents ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE client_disclosures ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE complaints ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE consents ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE contact_messages ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE education ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE emergency_contacts ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE evaluations ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE interview_notes ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE language_skills ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE payroll_records ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE photos ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE professional_emails ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE survey_answers ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE tax_records ADD COLUMN restricted_by_hold_id uuid NULL;
ALTER TABLE work_experience ADD COLUMN restricted_by_hold_id uuid NULL;
