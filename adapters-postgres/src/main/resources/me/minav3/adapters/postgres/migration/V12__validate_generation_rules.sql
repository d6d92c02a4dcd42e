-- Decision 065: checks every existing row against V11's rules function. Its own migration, so its own transaction:
-- VALIDATE CONSTRAINT takes a lock that lets other servers keep reading and writing the table while it scans.
ALTER TABLE public.mega_generations VALIDATE CONSTRAINT mega_generations_rules;
