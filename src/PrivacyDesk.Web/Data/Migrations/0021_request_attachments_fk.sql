-- An identity proof or other attachment belongs to its request and goes with it (ID-6: the domain deletes the
-- proof's content on every terminal transition; the row itself must never outlive the request).
DELETE FROM request_attachments a WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = a.request_id);
ALTER TABLE request_attachments
    ADD CONSTRAINT fk_request_attachments_requests_request_id FOREIGN KEY (request_id) REFERENCES requests (id) ON DELETE CASCADE;
