-- Issue 21 (session 36): the history guard (mega_generations_guard_history, V1 and V5) ran as PL/pgSQL for every
-- updated row, and a still updates its generation row about six times (claim, a write per stage, lease renewals):
-- about 0.06 ms of the server's time per row, only to return NEW. The update trigger now fires only when the
-- function could do something other than that: a row of an append-only type (refused, or blanked by an erasure), or
-- a changed id, record type or pass id (refused). IS DISTINCT FROM, so a NULL on either side still fires it. Deletes
-- and TRUNCATE are guarded as before.
DROP TRIGGER mega_generations_history_is_append_only ON public.mega_generations;

CREATE TRIGGER mega_generations_history_is_append_only
    BEFORE UPDATE ON public.mega_generations
    FOR EACH ROW
    WHEN (OLD.mg_record_type IN ('credit_transaction', 'mma_step', 'mma_event')
          OR NEW.mg_id IS DISTINCT FROM OLD.mg_id
          OR NEW.mg_record_type IS DISTINCT FROM OLD.mg_record_type
          OR NEW.mg_pass_id IS DISTINCT FROM OLD.mg_pass_id)
    EXECUTE FUNCTION public.mega_generations_guard_history();

CREATE TRIGGER mega_generations_history_no_delete
    BEFORE DELETE ON public.mega_generations
    FOR EACH ROW EXECUTE FUNCTION public.mega_generations_guard_history();
