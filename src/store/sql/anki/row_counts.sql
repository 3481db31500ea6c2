-- How many notes and revlog rows the collection holds (each at most
-- MAX_ROWS_PER_TABLE), counted before either is read.
SELECT (SELECT count(*) FROM notes), (SELECT count(*) FROM revlog)
