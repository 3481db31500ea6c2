-- recall collection, schema version 10: the new cards (state due IS NULL, not
-- retired) in introduction order, so that the day's first new cards are the
-- first rows of an index instead of a sort of every new card (sql/cards/new.sql).
-- `ord` lives in cards and `due` in card_state, so no index of either table
-- can order the new cards by `ord`. The triggers below keep the table in the
-- transaction of every write to either table (compile, import, answers, undo,
-- sync, repair); `recall check` compares it with a recomputation
-- (sql/check/new_cards_diff.sql).

CREATE TABLE new_cards (
    ord     INTEGER NOT NULL,
    card_id INTEGER NOT NULL UNIQUE REFERENCES cards(id),
    PRIMARY KEY (ord, card_id)
) STRICT, WITHOUT ROWID;

INSERT INTO new_cards (ord, card_id)
SELECT c.ord, c.id FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE s.due IS NULL AND c.retired = 0;

CREATE TRIGGER new_cards_state_added AFTER INSERT ON card_state
WHEN NEW.due IS NULL
BEGIN
    INSERT OR REPLACE INTO new_cards (ord, card_id)
    SELECT c.ord, c.id FROM cards c WHERE c.id = NEW.card_id AND c.retired = 0;
END;

-- An answer schedules a new card; an undo or a repair can make it new again.
CREATE TRIGGER new_cards_state_changed AFTER UPDATE OF due ON card_state
WHEN (OLD.due IS NULL) <> (NEW.due IS NULL) OR OLD.card_id <> NEW.card_id
BEGIN
    DELETE FROM new_cards WHERE card_id = OLD.card_id;
    INSERT OR REPLACE INTO new_cards (ord, card_id)
    SELECT c.ord, c.id FROM cards c
    WHERE c.id = NEW.card_id AND c.retired = 0 AND NEW.due IS NULL;
END;

CREATE TRIGGER new_cards_state_removed AFTER DELETE ON card_state
BEGIN
    DELETE FROM new_cards WHERE card_id = OLD.card_id;
END;

-- A compile moves a card (ord), retires it or brings it back.
CREATE TRIGGER new_cards_card_changed AFTER UPDATE OF ord, retired ON cards
WHEN OLD.ord <> NEW.ord OR OLD.retired <> NEW.retired
BEGIN
    DELETE FROM new_cards WHERE card_id = OLD.id;
    INSERT OR REPLACE INTO new_cards (ord, card_id)
    SELECT NEW.ord, s.card_id FROM card_state s
    WHERE s.card_id = NEW.id AND s.due IS NULL AND NEW.retired = 0;
END;
