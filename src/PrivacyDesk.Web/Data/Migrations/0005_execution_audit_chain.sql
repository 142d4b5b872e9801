-- Audit hash chain (issue 6): the chain head, and indexes that keep sealing cheap and forks impossible.
CREATE TABLE IF NOT EXISTS audit_chain_head (
    id smallint NOT NULL,
    last_hash character varying(64),
    sealed_count bigint NOT NULL DEFAULT 0,
    CONSTRAINT pk_audit_chain_head PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ix_audit_events_previous_hash ON audit_events (previous_hash) WHERE previous_hash IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ix_audit_events_genesis ON audit_events ((1)) WHERE previous_hash IS NULL AND hash IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_events_unsealed ON audit_events (sequence) WHERE hash IS NULL;

-- Retention sweep: deferred erasures are found by date.
CREATE INDEX IF NOT EXISTS ix_erasure_ledger_deferred ON erasure_ledger (legal_hold_id) WHERE action = 'DeferredByHold' AND reapplied_at IS NULL;
