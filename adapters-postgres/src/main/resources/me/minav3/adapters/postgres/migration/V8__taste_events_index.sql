-- Issue 21 (session 35): a customer's taste signals (likes, dislikes, clears, downloads: EventType.isTasteSignal)
-- without walking every event of theirs. Every still and video writes a 'create'/'animate'/... event, so the taste
-- read that each still does (JdbiEvents.SIGNALS) went through all of a customer's events by
-- mega_generations_events_by_pass: O(their history) per still. This index holds only the signals; its predicate is
-- the read's own WHERE, word for word, so the planner can prove it.
CREATE INDEX mega_generations_taste_by_pass ON public.mega_generations (mg_pass_id, mg_created_at DESC)
    WHERE mg_record_type = 'mma_event' AND mg_generation_id IS NOT NULL
      AND mg_meta->>'event_type' IN ('like', 'dislike', 'clear', 'download');
