-- OB-2, ER-2: the DPO's balancing per request and purpose (compelling legitimate grounds, or their absence).
CREATE TABLE IF NOT EXISTS purpose_balancings (
    id uuid NOT NULL,
    request_id uuid NOT NULL,
    purpose_code character varying(60) NOT NULL,
    compelling_grounds boolean NOT NULL,
    grounds character varying(4000),
    recorded_by character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_on date NOT NULL,
    CONSTRAINT pk_purpose_balancings PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ix_purpose_balancings_request_id_purpose_code ON purpose_balancings (request_id, purpose_code);
