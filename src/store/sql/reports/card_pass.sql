-- Every card with what `recall stats` counts of it, for the one pass of
-- store/card_tally.rs (counts, ease, intervals, leeches, forecast, sections):
-- card_state in card_id order, each row probing the covering cards_queue in
-- the same order (no wide card row read). Columns: see CardTally::add_row.
SELECT c.retired, c.deck, c.ord, s.card_id, s.due, s.interval, s.ef, s.lapses,
       s.suspended, s.buried_until
FROM card_state s CROSS JOIN cards c INDEXED BY cards_queue ON c.id = s.card_id
