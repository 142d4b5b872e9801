-- CLK-3 / CLK-4: a follow-up question continues a wait (last_asked_on); one reminder per question (reminded_on).
ALTER TABLE waiting_periods ADD COLUMN last_asked_on date;
ALTER TABLE waiting_periods ADD COLUMN reminded_on date;

-- FEE-2, FEE-6..FEE-8: classification with its facts, and the fee with its basis.
ALTER TABLE requests ADD COLUMN abuse_classification character varying(40);
ALTER TABLE requests ADD COLUMN abuse_facts character varying(4000);
ALTER TABLE requests ADD COLUMN abuse_classified_at timestamp with time zone;
ALTER TABLE requests ADD COLUMN abuse_classified_by character varying(200);
ALTER TABLE requests ADD COLUMN fee_amount numeric(10,2);
ALTER TABLE requests ADD COLUMN fee_basis character varying(2000);
ALTER TABLE requests ADD COLUMN fee_status character varying(40);
