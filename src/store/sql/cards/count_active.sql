-- Active (not retired) cards.
SELECT count(*) FROM cards WHERE retired = 0
