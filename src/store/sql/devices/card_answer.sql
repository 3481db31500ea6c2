-- Card ?1's answer, if the collection has the card.
SELECT answer FROM cards WHERE id = ?1
