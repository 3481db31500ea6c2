-- Every stored card's fields (columns 0-13 of get.sql, `retired` last, then `exact`), for a sync.
SELECT c.id, c.kind, c.deck, c.topic, c.ord, c.prompt, c.code, c.answer, c.alternatives,
       c.note, c.case_sensitive, c.source_path, c.source_line, c.retired,
       c.exact
FROM cards c
