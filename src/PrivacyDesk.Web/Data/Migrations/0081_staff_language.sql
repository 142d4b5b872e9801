-- The staff member's language choice (nl, fr, en), kept on the account and not only in a browser cookie: an
-- e-mail a colleague or a background job queues for them is written in it. Dutch until they choose.
ALTER TABLE staff_users ADD COLUMN language text NOT NULL DEFAULT 'nl'
    CONSTRAINT ck_staff_users_language CHECK (language IN ('nl', 'fr', 'en'));
