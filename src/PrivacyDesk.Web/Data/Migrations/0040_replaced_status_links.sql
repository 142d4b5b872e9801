-- A status link replaced by a newer one ("find my request") says so on the status page instead of "not found".
-- Only the hash of the old secret is kept; the rows go with their request.
CREATE TABLE replaced_status_links (
    id uuid NOT NULL,
    request_id uuid NOT NULL,
    token_hash character varying(100) NOT NULL,
    replaced_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_replaced_status_links PRIMARY KEY (id),
    CONSTRAINT fk_replaced_status_links_requests_request_id FOREIGN KEY (request_id) REFERENCES requests (id) ON DELETE CASCADE
);

CREATE INDEX ix_replaced_status_links_token_hash ON replaced_status_links (token_hash);
CREATE INDEX ix_replaced_status_links_request_id ON replaced_status_links (request_id);
