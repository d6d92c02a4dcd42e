-- Issue 16.3: pending email login codes live in MEGA_ADMIN, one 'login_code' row per address (mg_key: a keyed
-- hash of the address, never the address), so asking for or checking a code creates no customer.
-- mg_value: {code_hash, expires_at, attempts_left, sent_at, codes_in_a_row}. Rows are replaced in place.
ALTER TABLE public.mega_admin
    DROP CONSTRAINT mega_admin_record_type,
    ADD CONSTRAINT mega_admin_record_type CHECK (mg_record_type IN
        ('admin_session', 'admin_audit', 'profile', 'runtime_config', 'app_config', 'login_code')),
    ADD CONSTRAINT mega_admin_login_code_shape CHECK (mg_record_type <> 'login_code'
        OR (mg_key IS NOT NULL AND mg_value IS NOT NULL AND mg_id = 'login_code:' || mg_key));
