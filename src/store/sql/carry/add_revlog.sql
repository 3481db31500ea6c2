-- Anki's revlog row ?2 is in card ?1's log.
INSERT INTO anki_revlog (card_id, revlog_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING
