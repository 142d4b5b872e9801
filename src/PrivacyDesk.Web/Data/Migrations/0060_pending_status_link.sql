-- A status link asked for on the Find page is kept beside the current one and replaces it only when it is opened,
-- so whoever knows a reference and its e-mail address cannot cut the requester off by asking for a new link.
ALTER TABLE requests ADD COLUMN pending_status_token_hash character varying(100);
