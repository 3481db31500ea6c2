-- Rewrites card ?1's fields (as in add.sql, ?15 exact) and makes it active again;
-- updated at ?14 (ms).
UPDATE cards SET kind = ?2, deck = ?3, topic = ?4, ord = ?5, prompt = ?6, code = ?7,
                 answer = ?8, alternatives = ?9, note = ?10, case_sensitive = ?11,
                 source_path = ?12, source_line = ?13, retired = 0, updated_ms = ?14,
                 exact = ?15
WHERE id = ?1
