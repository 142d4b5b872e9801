-- Performance (issue 8): every intake writes one or more audit events, and the chain sealer rewrites each once.
-- ix_audit_events_request_id is a prefix of ix_audit_events_request_id_sequence (0004), which serves the same
-- lookups and the foreign key, so it only cost an index insertion per write.
DROP INDEX IF EXISTS ix_audit_events_request_id;
