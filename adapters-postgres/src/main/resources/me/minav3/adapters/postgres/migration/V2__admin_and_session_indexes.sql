-- Every customer's generations newest first (admin list, keyset pagination without a pass id).
CREATE INDEX mega_generations_generations_recent ON public.mega_generations (mg_created_at DESC, mg_id DESC)
    WHERE mg_record_type = 'generation';
