-- The topic and prompt of leech ?1, once the pass of card_tally.rs chose it.
SELECT topic, prompt FROM cards WHERE id = ?1
