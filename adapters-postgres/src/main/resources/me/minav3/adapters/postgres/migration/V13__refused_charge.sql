-- Issue 21 (session 48, decision 067): a charged create is one statement committed as it ends (no transaction held
-- open across a round trip while the customer row is locked). When its debit does not apply (not enough matcha,
-- expired, disabled, no customer row), the statement calls this function, whose error undoes the whole statement:
-- the generation, its event and its ledger row. SQLSTATE MG001 is raised by nothing else; the adapter then reads why.
CREATE FUNCTION public.mega_refuse_charge() RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'the charge did not apply; nothing was written' USING ERRCODE = 'MG001';
END
$$;
