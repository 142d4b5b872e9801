-- Art. 30(1)(c) and (g) GDPR: the register names the categories of data subjects of each purpose and may give a
-- general description of its security measures (empty: the standard description is used in the export).
ALTER TABLE processing_purposes ADD COLUMN data_subjects text[] NOT NULL DEFAULT '{}';
ALTER TABLE processing_purposes ADD COLUMN security_measures character varying(4000);

-- Existing entries get the categories their record sets imply (the same derivation as a policy pack without them).
UPDATE processing_purposes p SET data_subjects = COALESCE((
    SELECT array_agg(DISTINCT s ORDER BY s)
    FROM unnest(p.record_sets) AS rs
    CROSS JOIN LATERAL unnest(CASE
        WHEN rs IN ('Assignments', 'PayrollRecords', 'TaxRecords') THEN ARRAY['TemporaryWorkers']
        WHEN rs = 'EmergencyContacts' THEN ARRAY['EmergencyContacts']
        WHEN rs IN ('ContactMessages', 'Complaints') THEN ARRAY['Enquirers']
        WHEN rs IN ('ProfessionalEmails', 'ClientDisclosures') THEN ARRAY['Candidates', 'ClientContacts']
        ELSE ARRAY['Candidates'] END) AS s), '{}');

ALTER TABLE processing_purposes ALTER COLUMN data_subjects DROP DEFAULT;
