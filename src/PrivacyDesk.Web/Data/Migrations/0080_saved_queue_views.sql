-- A staff member's default queue view: the filters and sort the DPO queue opens with when its address carries
-- none (Features/Staff/SaveQueueView.cs). No search term is kept: it may be a data subject's name or e-mail.
CREATE TABLE saved_queue_views (
    user_id uuid NOT NULL,
    type character varying(40),
    status character varying(40),
    channel character varying(40),
    assignee character varying(256),
    due_window character varying(40),
    flag character varying(40),
    due_from date,
    due_to date,
    sort character varying(40) NOT NULL,
    descending boolean NOT NULL,
    saved_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_queue_views PRIMARY KEY (user_id),
    CONSTRAINT fk_saved_queue_views_staff_users_user_id FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
);
