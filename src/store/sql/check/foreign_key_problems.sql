-- Rows whose foreign key points at a missing row, one message each.
SELECT format('%s row %s refers to a missing %s row', "table", rowid, parent)
FROM pragma_foreign_key_check
