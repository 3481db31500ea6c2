-- Whether any card is active: the first entry of cards_by_ord at
-- retired = 0, not a count of them all.
SELECT EXISTS (SELECT 1 FROM cards WHERE retired = 0)
