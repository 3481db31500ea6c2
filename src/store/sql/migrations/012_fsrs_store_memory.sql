-- recall collection, schema version 12: a card's FSRS memory (issue 17),
-- beside its SM-2-shaped state. Both NULL while SM-2 computed the state (every
-- card before this version), both set once FSRS has scheduled the card; the
-- CHECK holds them together. The meta key `scheduler` names the function the
-- stored states are a replay under (`sm2`, or FSRS with its retention and
-- parameters, see store/reschedule.rs); every state before this version is SM-2's.
ALTER TABLE card_state ADD COLUMN stability REAL;
ALTER TABLE card_state ADD COLUMN difficulty REAL
    CHECK ((stability IS NULL) = (difficulty IS NULL));

INSERT OR IGNORE INTO meta (key, value) VALUES ('scheduler', 'sm2');
