-- API (issue 7): an Idempotency-Key reused with another body is refused, so the first body's hash is kept;
-- the stored answer is text so a replay is byte-identical (jsonb would reorder keys).
ALTER TABLE idempotency_records ADD COLUMN request_hash character varying(64) NOT NULL DEFAULT '';
ALTER TABLE idempotency_records ALTER COLUMN request_hash DROP DEFAULT;
ALTER TABLE idempotency_records ALTER COLUMN response_body TYPE text USING response_body::text;
