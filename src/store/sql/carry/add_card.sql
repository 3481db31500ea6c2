-- Card ?1 is Anki card ?2, template ?4 of note ?3 (guid).
INSERT INTO anki_cards (card_id, anki_id, guid, ord) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (card_id) DO UPDATE SET anki_id = excluded.anki_id, guid = excluded.guid,
    ord = excluded.ord
