-- Staff workspace (issue 5): the DPO queue orders OPEN requests by their current due date
-- (extended_due_on, else due_on) and pages by keyset on (current due, id). A partial expression
-- index matches that query exactly, so a page is an index range scan whatever the table size.
CREATE INDEX IF NOT EXISTS ix_requests_open_current_due_id
    ON requests ((COALESCE(extended_due_on, due_on)), id)
    WHERE status <> 'Closed' AND status <> 'Withdrawn' AND status <> 'Abandoned';

-- Dashboard and audit log: requests per month, closures per type, events per request newest first.
CREATE INDEX IF NOT EXISTS ix_requests_received_on ON requests (received_on);
CREATE INDEX IF NOT EXISTS ix_audit_events_request_id_sequence ON audit_events (request_id, sequence);
CREATE INDEX IF NOT EXISTS ix_legal_holds_active_candidate ON legal_holds (candidate_id) WHERE lifted_at IS NULL;
