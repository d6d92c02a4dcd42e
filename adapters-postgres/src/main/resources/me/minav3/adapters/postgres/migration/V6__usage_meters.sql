-- Issue 17.1: per-customer limits, counted in MEGA_ADMIN so every server process shares them. One 'usage_meter' row
-- per customer and counter, replaced in place (never history):
--   mg_id 'usage_meter:<counter>:<pass id>', mg_key the pass id, mg_created_at when it was first counted;
--   mg_value for a counter ('creates', 'suggestions', 'uploads', 'url_imports'):
--       {"<meter>": {"window": <window start, epoch seconds>, "used": <amount in that window>}, ...}
--   mg_value for 'streams': the open-stream slots held, {"<slot id>": <held until, epoch milliseconds>, ...}.
-- The record type is added to whatever list the table allows when this runs (another migration may have added
-- its own), so the constraint is widened, not rewritten.
DO $$
DECLARE
    allowed text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO allowed
      FROM pg_constraint
     WHERE conname = 'mega_admin_record_type' AND conrelid = 'public.mega_admin'::regclass;
    IF allowed IS NULL OR position('ARRAY[' IN allowed) = 0 THEN
        RAISE EXCEPTION 'mega_admin_record_type is not a list of record types: %', allowed;
    END IF;
    IF position('''usage_meter''' IN allowed) = 0 THEN
        EXECUTE 'ALTER TABLE public.mega_admin DROP CONSTRAINT mega_admin_record_type, ADD CONSTRAINT mega_admin_record_type '
            || replace(allowed, 'ARRAY[', 'ARRAY[''usage_meter''::text, ');
    END IF;
END;
$$;

ALTER TABLE public.mega_admin
    ADD CONSTRAINT mega_admin_usage_meter_shape CHECK (mg_record_type <> 'usage_meter'
        OR (mg_key IS NOT NULL AND mg_value IS NOT NULL AND jsonb_typeof(mg_value) = 'object'
            AND mg_id LIKE 'usage_meter:%' AND right(mg_id, length(mg_key) + 1) = ':' || mg_key));
