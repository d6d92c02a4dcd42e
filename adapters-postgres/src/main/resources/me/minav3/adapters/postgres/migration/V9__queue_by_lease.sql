-- Issue 21 (session 36): a claim reads the claimable generations, not every one in flight. The queue index was
-- ordered by creation time only, and a running generation's lease is not in it, so each claim walked past every
-- running generation (and visited its row) to reach the new ones: O(generations in flight) per claim, about 3.4 ms
-- with 2,000 running. Keyed by the lease first, the claim reads the never-leased ones (lease IS NULL, oldest first)
-- and, separately, the expired ones (lease < now) as two index ranges (LeaseWrites.CLAIM_UP_TO_SQL).
-- The price: setting or renewing a lease now changes an indexed column, so those updates are not HOT.
DROP INDEX public.mega_generations_queue;
CREATE INDEX mega_generations_queue ON public.mega_generations (mg_lease_until NULLS FIRST, mg_created_at)
    WHERE mg_record_type = 'generation' AND mg_mma_status NOT IN ('done', 'error');
