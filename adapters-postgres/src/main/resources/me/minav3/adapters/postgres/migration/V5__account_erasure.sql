-- Issue 17.5: deleting an account (decision 022). The history guards stay, with one narrow exception: inside the
-- transaction that erases a deleted customer (it sets the transaction-local setting mina.erasing_pass_id to that pass
-- id, and the customer row already carries mg_deleted_at), that customer's rows may have their personal data blanked.
-- Ids, record types, pass ids, times and every money column (delta, reason, source, ref type, ref id) never change,
-- so balances still equal their ledger sums; nothing is ever deleted.

CREATE OR REPLACE FUNCTION public.mega_generations_guard_history() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'mega_generations is an append-only ledger: TRUNCATE is not allowed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'UPDATE'
       AND OLD.mg_pass_id = current_setting('mina.erasing_pass_id', true)
       AND NEW.mg_id = OLD.mg_id AND NEW.mg_record_type = OLD.mg_record_type AND NEW.mg_pass_id = OLD.mg_pass_id
       AND NEW.mg_created_at = OLD.mg_created_at
       AND NEW.mg_delta IS NOT DISTINCT FROM OLD.mg_delta AND NEW.mg_reason IS NOT DISTINCT FROM OLD.mg_reason
       AND NEW.mg_source IS NOT DISTINCT FROM OLD.mg_source AND NEW.mg_ref_type IS NOT DISTINCT FROM OLD.mg_ref_type
       AND NEW.mg_ref_id IS NOT DISTINCT FROM OLD.mg_ref_id
       AND NEW.mg_step_no IS NOT DISTINCT FROM OLD.mg_step_no AND NEW.mg_step_type IS NOT DISTINCT FROM OLD.mg_step_type
       AND EXISTS (SELECT 1 FROM public.mega_customers c
                    WHERE c.mg_pass_id = OLD.mg_pass_id AND c.mg_deleted_at IS NOT NULL) THEN
        RETURN NEW;
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

-- Audit rows stay (who did what, when), but the erasure may take a deleted customer's email, user id, Shopify ids
-- and notes out of mg_detail of the rows that name them (as actor, by pass id, or by the email in
-- mina.erasing_email: a login mail that could not be delivered); every other column stays as it was.
CREATE OR REPLACE FUNCTION public.mega_admin_guard_history() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.mg_record_type = 'admin_audit'
       AND current_setting('mina.erasing_pass_id', true) IS NOT NULL
       AND (OLD.mg_actor_pass_id = current_setting('mina.erasing_pass_id', true)
            OR OLD.mg_detail ->> 'pass_id' = current_setting('mina.erasing_pass_id', true)
            OR OLD.mg_detail ->> 'email' = nullif(current_setting('mina.erasing_email', true), ''))
       AND NEW.mg_id = OLD.mg_id AND NEW.mg_record_type = OLD.mg_record_type
       AND NEW.mg_actor_pass_id IS NOT DISTINCT FROM OLD.mg_actor_pass_id
       AND NEW.mg_action IS NOT DISTINCT FROM OLD.mg_action AND NEW.mg_route IS NOT DISTINCT FROM OLD.mg_route
       AND NEW.mg_method IS NOT DISTINCT FROM OLD.mg_method AND NEW.mg_status IS NOT DISTINCT FROM OLD.mg_status
       AND NEW.mg_created_at = OLD.mg_created_at
       AND NEW.mg_detail = OLD.mg_detail - ARRAY['email', 'user_id', 'shopify_customer_id', 'customer_id', 'notes', 'name']
       AND EXISTS (SELECT 1 FROM public.mega_customers c
                    WHERE c.mg_pass_id = current_setting('mina.erasing_pass_id', true) AND c.mg_deleted_at IS NOT NULL) THEN
        RETURN NEW;
    END IF;
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
