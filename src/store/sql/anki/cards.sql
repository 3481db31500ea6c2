-- Cards with their home deck and due: a card in a filtered deck keeps them
-- in odid/odue.
SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, mod, type, queue,
       CASE WHEN odid != 0 AND odue != 0 THEN odue ELSE due END, ivl, factor, reps, lapses
FROM cards
ORDER BY id
