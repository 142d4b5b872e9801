-- Performance (issue 8): GET /api/v1/requests pages all requests by keyset on (due_on, id). Without this index
-- PostgreSQL sorted the whole table for every page (and again for the split sub-request query): p95 ~50 ms
-- at 20,000 requests, growing with the table. With it a page is an index range scan.
CREATE INDEX IF NOT EXISTS ix_requests_due_on_id ON requests (due_on, id);
