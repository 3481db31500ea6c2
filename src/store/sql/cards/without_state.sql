-- Cards that have no state row (damage a repair mends), by id.
SELECT id FROM cards WHERE id NOT IN (SELECT card_id FROM card_state) ORDER BY id
