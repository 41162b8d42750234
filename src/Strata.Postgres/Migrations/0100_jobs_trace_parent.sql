-- The W3C traceparent of the request that queued a job, so the worker's span joins the request's trace.
ALTER TABLE jobs ADD COLUMN trace_parent TEXT;
