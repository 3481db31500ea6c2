-- Tags card ?1 with ?2 at ?3 (ms), unless it already has that tag.
INSERT INTO card_tags (card_id, tag, added_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING
