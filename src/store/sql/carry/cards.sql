-- Which Anki card each imported card is.
SELECT card_id, anki_id, guid, ord FROM anki_cards ORDER BY card_id
