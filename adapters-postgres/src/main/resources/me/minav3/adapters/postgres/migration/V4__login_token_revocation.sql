-- Issue 16.4: logout and revocation of login tokens, on the customer's own row (no new table).
-- mg_tokens_not_before: every login token of this customer issued at or before this instant is refused
--   (an admin's "revoke all"); null: none.
-- mg_revoked_tokens: single tokens signed out ({"<token id>": "<refused until, ISO-8601>"}); an entry is dropped
--   once its token could no longer be used anyway.
ALTER TABLE public.mega_customers
    ADD COLUMN mg_tokens_not_before timestamptz,
    ADD COLUMN mg_revoked_tokens    jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD CONSTRAINT mega_customers_revoked_tokens_object CHECK (jsonb_typeof(mg_revoked_tokens) = 'object');
