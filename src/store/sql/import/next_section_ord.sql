-- The ord of a new imported section: after every section, and at least ?1
-- (imported sections sort after every roadmap section).
SELECT max(?1, coalesce(max(ord), 0) + 1) FROM sections
