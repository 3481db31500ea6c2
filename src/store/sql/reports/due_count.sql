-- Reviews due on ?1: what cards/due.sql returns, counted without reading a
-- table row: a range of the covering card_state_queue, less the retired
-- cards in it (they keep their state; the few there are come from
-- cards_by_ord). Joining every due card to `cards` instead reads a page per card.
SELECT (SELECT count(*) FROM card_state s
        WHERE s.suspended = 0 AND s.due <= ?1
          AND (s.buried_until IS NULL OR s.buried_until <= ?1))
     - (SELECT count(*) FROM cards c CROSS JOIN card_state s ON s.card_id = c.id
        WHERE c.retired = 1 AND s.suspended = 0 AND s.due <= ?1
          AND (s.buried_until IS NULL OR s.buried_until <= ?1))
