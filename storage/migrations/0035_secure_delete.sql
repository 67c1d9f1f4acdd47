-- From this version on, deleted content is overwritten with zeros (PRAGMA secure_delete, set
-- on every connection by storage/db.py), so what /radera erases leaves no trace in the file.
-- What was deleted before that still lies in free space: storage/db.py runs VACUUM once, right
-- after this migration is applied, to rewrite the file without it.
SELECT 1;
