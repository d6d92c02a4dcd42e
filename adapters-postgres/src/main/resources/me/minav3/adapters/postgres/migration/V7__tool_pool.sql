-- Issue 23, decision 042: the edit-tool pool. Fractions of a matcha the customer already paid for (one matcha at a
-- time, each a 'tool_pool' ledger row), in units of 1/2520 matcha; tool runs draw it down. Never negative.
ALTER TABLE public.mega_customers
    ADD COLUMN mg_tool_pool bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT mega_customers_tool_pool_never_negative CHECK (mg_tool_pool >= 0);
