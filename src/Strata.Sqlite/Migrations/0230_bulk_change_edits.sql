-- An edit in the review grid is an undoable step too (apply_bulk_change with action edit, docs/web.md): the staged value
-- it replaced is kept with the step's block, so undo_bulk_change can put it back.

ALTER TABLE bulk_change_blocks ADD COLUMN previous_value_json TEXT;
