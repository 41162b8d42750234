-- A run's observations are found by its id alone: every query that asks for them names the user and the run, and a
-- run belongs to one user, so the user's 28-character id in each entry of the index told it nothing more.
DROP INDEX observations_by_run;
CREATE INDEX observations_by_run ON observations (run_id);
