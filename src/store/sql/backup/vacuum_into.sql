-- A consistent copy of the collection in the new file ?1 (one read snapshot).
VACUUM INTO ?1
