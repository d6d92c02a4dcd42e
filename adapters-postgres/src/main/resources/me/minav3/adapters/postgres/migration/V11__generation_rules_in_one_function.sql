-- Issue 21 (session 45, decision 065): the ten CHECK constraints of MEGA_GENERATIONS (V1) become one CHECK that calls
-- one function holding the same ten rules, word for word. PostgreSQL reads each CHECK's stored expression tree back
-- from text and plans it again for every statement that writes the table (ExecRelCheck: stringToNode, then
-- ExecPrepareExpr), before it looks at a single row: 14 KB of node text for the ten, about a third of the time a
-- pipeline step write spends executing. A PL/pgSQL function is compiled once per connection, and its expressions keep
-- their plans, so only the call is left in the statement.
--
-- Same rules, same answers: a rule refuses a row when its expression is false (a CHECK passes on true or null), the
-- rules are tried in the order PostgreSQL tries CHECK constraints (by name), and a refusal is the same error as
-- before: SQLSTATE 23514 (check_violation) naming the rule's old constraint (GenerationRulesTest compares both on
-- thousands of rows).
--
-- Added NOT VALID here (the ten rules it replaces already held for every existing row, so nothing is scanned while
-- this migration holds the table's lock); V12 validates it without blocking writes.
CREATE FUNCTION public.mega_generations_rules(
    mg_id text, mg_record_type text, mg_delta bigint, mg_reason text, mg_source text, mg_mma_mode text,
    mg_mma_status text, mg_step_no integer, mg_step_type text, mg_parent_id text, mg_payload jsonb, mg_meta jsonb,
    mg_output_url text)
    RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    broken text;
BEGIN
    IF (mg_record_type <> 'credit_transaction'
        OR (mg_delta IS NOT NULL AND mg_delta <> 0 AND mg_reason IS NOT NULL AND mg_source IS NOT NULL)) IS FALSE THEN
        broken := 'mega_generations_credit_shape';
    ELSIF (mg_delta IS NULL OR mg_record_type = 'credit_transaction') IS FALSE THEN
        broken := 'mega_generations_delta_only_on_credits';
    ELSIF (mg_record_type <> 'mma_event' OR mg_meta ? 'event_type') IS FALSE THEN
        broken := 'mega_generations_event_type';
    ELSIF (mg_record_type <> 'generation' OR (mg_mma_mode IS NOT NULL AND mg_mma_status IS NOT NULL)) IS FALSE THEN
        broken := 'mega_generations_generation_shape';
    ELSIF (split_part(mg_id, ':', 1) = mg_record_type
           AND length(mg_id) > length(mg_record_type) + 1) IS FALSE THEN
        broken := 'mega_generations_id_prefix_is_record_type';
    ELSIF (mg_mma_mode IS NULL OR mg_mma_mode IN ('still', 'video')) IS FALSE THEN
        broken := 'mega_generations_mode';
    -- Every stored media URL is public and permanent: no signed or expiring query strings.
    ELSIF (mg_output_url IS NULL
           OR (mg_output_url ~* '^https?://'
               AND mg_output_url !~* '[?&](x-amz-[a-z-]*|signature|expires|token|x-goog-[a-z-]*)=')) IS FALSE THEN
        broken := 'mega_generations_output_url_permanent';
    ELSIF (mg_record_type IN
           ('session', 'generation', 'feedback', 'credit_transaction', 'mma_step', 'mma_event')) IS FALSE THEN
        broken := 'mega_generations_record_type';
    ELSIF (mg_mma_status IS NULL OR mg_mma_status IN
           ('queued', 'scanning', 'prompting', 'generating', 'postscan', 'done', 'error')) IS FALSE THEN
        broken := 'mega_generations_status';
    ELSIF (mg_record_type <> 'mma_step'
           OR (mg_step_no IS NOT NULL AND mg_step_no >= 1 AND mg_step_type IS NOT NULL AND mg_parent_id IS NOT NULL
               AND mg_payload IS NOT NULL AND mg_payload ?& ARRAY['input', 'output', 'timing', 'error'])) IS FALSE THEN
        broken := 'mega_generations_step_shape';
    ELSE
        RETURN true;
    END IF;
    RAISE EXCEPTION 'new row for relation "mega_generations" violates check constraint "%"', broken
        USING ERRCODE = 'check_violation', SCHEMA = 'public', TABLE = 'mega_generations', CONSTRAINT = broken;
END;
$$;

ALTER TABLE public.mega_generations
    DROP CONSTRAINT mega_generations_record_type,
    DROP CONSTRAINT mega_generations_id_prefix_is_record_type,
    DROP CONSTRAINT mega_generations_credit_shape,
    DROP CONSTRAINT mega_generations_delta_only_on_credits,
    DROP CONSTRAINT mega_generations_generation_shape,
    DROP CONSTRAINT mega_generations_mode,
    DROP CONSTRAINT mega_generations_status,
    DROP CONSTRAINT mega_generations_step_shape,
    DROP CONSTRAINT mega_generations_event_type,
    DROP CONSTRAINT mega_generations_output_url_permanent,
    ADD CONSTRAINT mega_generations_rules CHECK (public.mega_generations_rules(
        mg_id, mg_record_type, mg_delta, mg_reason, mg_source, mg_mma_mode, mg_mma_status, mg_step_no, mg_step_type,
        mg_parent_id, mg_payload, mg_meta, mg_output_url)) NOT VALID;
