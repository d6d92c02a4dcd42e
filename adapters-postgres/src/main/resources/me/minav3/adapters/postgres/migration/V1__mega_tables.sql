-- The three MEGA tables: the only application tables in the public schema (Flyway's own history table lives
-- in the mina_flyway schema). Works on PostgreSQL 15 and newer. Every rule that protects money or history is
-- enforced here, not only in code.

-- ---------------------------------------------------------------------------------------------------------
-- MEGA_CUSTOMERS: one row per pass id; mg_credits is the fast balance (always = sum of its ledger deltas).
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE public.mega_customers (
    mg_pass_id                    text        PRIMARY KEY,
    mg_credits                    bigint      NOT NULL DEFAULT 0,
    mg_expires_at                 timestamptz,
    mg_last_active                timestamptz,
    mg_email                      text,
    mg_user_id                    text,
    mg_shopify_customer_id        bigint,
    mg_mma_preferences            jsonb       NOT NULL DEFAULT '{"hard_blocks": [], "tag_weights": {}}'::jsonb,
    mg_mma_preferences_updated_at timestamptz,
    mg_meta                       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    mg_created_at                 timestamptz NOT NULL,
    mg_updated_at                 timestamptz NOT NULL,
    mg_disabled                   boolean     NOT NULL DEFAULT false,
    mg_deleted_at                 timestamptz,
    CONSTRAINT mega_customers_credits_never_negative CHECK (mg_credits >= 0),
    CONSTRAINT mega_customers_pass_id_form CHECK (mg_pass_id ~ '^pass:(shopify:[1-9][0-9]{0,18}|user:[A-Za-z0-9][A-Za-z0-9._-]{0,127}|anon:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$'),
    CONSTRAINT mega_customers_shopify_id_positive CHECK (mg_shopify_customer_id IS NULL OR mg_shopify_customer_id > 0)
);

CREATE INDEX mega_customers_email ON public.mega_customers (mg_email) WHERE mg_email IS NOT NULL;
CREATE INDEX mega_customers_shopify ON public.mega_customers (mg_shopify_customer_id) WHERE mg_shopify_customer_id IS NOT NULL;
CREATE INDEX mega_customers_user ON public.mega_customers (mg_user_id) WHERE mg_user_id IS NOT NULL;
-- The expiry job looks for balances past their expiry.
CREATE INDEX mega_customers_expiring ON public.mega_customers (mg_expires_at) WHERE mg_credits > 0;

-- ---------------------------------------------------------------------------------------------------------
-- MEGA_GENERATIONS: the append-only ledger of sessions, generations, feedback, credit transactions, MMA
-- steps and MMA events. A queued generation row is also the job (claimed with FOR UPDATE SKIP LOCKED).
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE public.mega_generations (
    mg_id            text        PRIMARY KEY,
    mg_record_type   text        NOT NULL,
    mg_pass_id       text        NOT NULL REFERENCES public.mega_customers (mg_pass_id),
    mg_session_id    text,
    mg_generation_id text,
    mg_parent_id     text,
    mg_step_no       integer,
    mg_step_type     text,
    mg_prompt        text,
    mg_output_url    text,
    mg_output_key    text,
    mg_provider      text,
    mg_model         text,
    mg_status        text,
    mg_error         text,
    mg_delta         bigint,
    mg_reason        text,
    mg_source        text,
    mg_ref_type      text,
    mg_ref_id        text,
    mg_meta          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    mg_payload       jsonb,
    mg_mma_mode      text,
    mg_mma_status    text,
    mg_mma_vars      jsonb,
    mg_latency_ms    bigint,
    -- The job lease of a generation row: which worker runs it, until when, and how many claims so far.
    mg_lease_owner   text,
    mg_lease_until   timestamptz,
    mg_attempts      integer     NOT NULL DEFAULT 0,
    mg_created_at    timestamptz NOT NULL,
    mg_updated_at    timestamptz NOT NULL,
    CONSTRAINT mega_generations_record_type CHECK (mg_record_type IN
        ('session', 'generation', 'feedback', 'credit_transaction', 'mma_step', 'mma_event')),
    CONSTRAINT mega_generations_id_prefix_is_record_type CHECK (split_part(mg_id, ':', 1) = mg_record_type
        AND length(mg_id) > length(mg_record_type) + 1),
    CONSTRAINT mega_generations_credit_shape CHECK (mg_record_type <> 'credit_transaction'
        OR (mg_delta IS NOT NULL AND mg_delta <> 0 AND mg_reason IS NOT NULL AND mg_source IS NOT NULL)),
    CONSTRAINT mega_generations_delta_only_on_credits CHECK (mg_delta IS NULL OR mg_record_type = 'credit_transaction'),
    CONSTRAINT mega_generations_generation_shape CHECK (mg_record_type <> 'generation'
        OR (mg_mma_mode IS NOT NULL AND mg_mma_status IS NOT NULL)),
    CONSTRAINT mega_generations_mode CHECK (mg_mma_mode IS NULL OR mg_mma_mode IN ('still', 'video')),
    CONSTRAINT mega_generations_status CHECK (mg_mma_status IS NULL OR mg_mma_status IN
        ('queued', 'scanning', 'prompting', 'generating', 'postscan', 'done', 'error')),
    CONSTRAINT mega_generations_step_shape CHECK (mg_record_type <> 'mma_step'
        OR (mg_step_no IS NOT NULL AND mg_step_no >= 1 AND mg_step_type IS NOT NULL AND mg_parent_id IS NOT NULL
            AND mg_payload IS NOT NULL AND mg_payload ?& ARRAY['input', 'output', 'timing', 'error'])),
    CONSTRAINT mega_generations_event_type CHECK (mg_record_type <> 'mma_event' OR mg_meta ? 'event_type'),
    -- Every stored media URL is public and permanent: no signed or expiring query strings.
    CONSTRAINT mega_generations_output_url_permanent CHECK (mg_output_url IS NULL
        OR (mg_output_url ~* '^https?://' AND mg_output_url !~* '[?&](x-amz-[a-z-]*|signature|expires|token|x-goog-[a-z-]*)='))
);

-- Credit ledger of a customer (balance history, reconciliation).
CREATE INDEX mega_generations_credits_by_pass ON public.mega_generations (mg_pass_id, mg_created_at DESC, mg_id DESC)
    WHERE mg_record_type = 'credit_transaction';
-- A customer's generations newest first (archive, keyset pagination).
CREATE INDEX mega_generations_generations_by_pass ON public.mega_generations (mg_pass_id, mg_created_at DESC, mg_id DESC)
    WHERE mg_record_type = 'generation';
-- The steps of a generation, in order.
CREATE INDEX mega_generations_steps_by_parent ON public.mega_generations (mg_parent_id, mg_step_no)
    WHERE mg_record_type = 'mma_step';
-- A customer's events newest first (taste), and the events of one generation.
CREATE INDEX mega_generations_events_by_pass ON public.mega_generations (mg_pass_id, mg_created_at DESC)
    WHERE mg_record_type = 'mma_event';
CREATE INDEX mega_generations_events_by_generation ON public.mega_generations (mg_generation_id)
    WHERE mg_record_type = 'mma_event';
-- Sessions of a customer, newest first (session boundary).
CREATE INDEX mega_generations_sessions_by_pass ON public.mega_generations (mg_pass_id, mg_created_at DESC)
    WHERE mg_record_type = 'session';
-- The job queue: unfinished generations, oldest first.
CREATE INDEX mega_generations_queue ON public.mega_generations (mg_created_at)
    WHERE mg_record_type = 'generation' AND mg_mma_status NOT IN ('done', 'error');

-- History cannot be rewritten: credit transactions, MMA steps and MMA events are never updated or deleted,
-- and no row may change its id or record type.
CREATE FUNCTION public.mega_generations_guard_history() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'mega_generations is an append-only ledger: TRUNCATE is not allowed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.mg_record_type IN ('credit_transaction', 'mma_step', 'mma_event') THEN
        RAISE EXCEPTION 'mega_generations rows of type % are append-only: % of % refused',
            OLD.mg_record_type, TG_OP, OLD.mg_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.mg_id <> OLD.mg_id OR NEW.mg_record_type <> OLD.mg_record_type
                             OR NEW.mg_pass_id <> OLD.mg_pass_id) THEN
        RAISE EXCEPTION 'the id, record type and pass id of % never change', OLD.mg_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER mega_generations_history_is_append_only
    BEFORE UPDATE OR DELETE ON public.mega_generations
    FOR EACH ROW EXECUTE FUNCTION public.mega_generations_guard_history();

CREATE TRIGGER mega_generations_no_truncate
    BEFORE TRUNCATE ON public.mega_generations
    FOR EACH STATEMENT EXECUTE FUNCTION public.mega_generations_guard_history();

-- ---------------------------------------------------------------------------------------------------------
-- MEGA_ADMIN: admin sessions and audits, profiles, runtime and versioned app config.
-- ---------------------------------------------------------------------------------------------------------
CREATE TABLE public.mega_admin (
    mg_id            text        PRIMARY KEY,
    mg_record_type   text        NOT NULL,
    mg_key           text,
    mg_version       integer,
    mg_value         jsonb,
    mg_actor_pass_id text,
    mg_action        text,
    mg_route         text,
    mg_method        text,
    mg_status        integer,
    mg_detail        jsonb,
    mg_meta          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    mg_created_at    timestamptz NOT NULL,
    CONSTRAINT mega_admin_record_type CHECK (mg_record_type IN
        ('admin_session', 'admin_audit', 'profile', 'runtime_config', 'app_config')),
    CONSTRAINT mega_admin_id_prefix_is_record_type CHECK (split_part(mg_id, ':', 1) = mg_record_type
        AND length(mg_id) > length(mg_record_type) + 1),
    CONSTRAINT mega_admin_config_shape CHECK (mg_record_type <> 'app_config'
        OR (mg_key IS NOT NULL AND mg_version >= 1 AND mg_value IS NOT NULL
            AND mg_id = 'app_config:' || mg_key || ':v' || mg_version)),
    CONSTRAINT mega_admin_audit_shape CHECK (mg_record_type <> 'admin_audit'
        OR (mg_actor_pass_id IS NOT NULL AND mg_action IS NOT NULL))
);

CREATE UNIQUE INDEX mega_admin_config_versions ON public.mega_admin (mg_key, mg_version DESC)
    WHERE mg_record_type = 'app_config';
CREATE INDEX mega_admin_audit_recent ON public.mega_admin (mg_created_at DESC)
    WHERE mg_record_type = 'admin_audit';

-- Config versions and audit rows are never edited: publishing writes version N+1.
CREATE FUNCTION public.mega_admin_guard_history() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' OR OLD.mg_record_type IN ('app_config', 'admin_audit') THEN
        RAISE EXCEPTION 'mega_admin % rows are immutable: % refused',
            coalesce(OLD.mg_record_type, 'config and audit'), TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER mega_admin_history_is_immutable
    BEFORE UPDATE OR DELETE ON public.mega_admin
    FOR EACH ROW EXECUTE FUNCTION public.mega_admin_guard_history();

CREATE TRIGGER mega_admin_no_truncate
    BEFORE TRUNCATE ON public.mega_admin
    FOR EACH STATEMENT EXECUTE FUNCTION public.mega_admin_guard_history();
