// Loaded between two copies of the bundle (tests/stress/recovery.test.mjs): keeps what the first
// copy installed on `connect`, before the second replaces it.
window.__firstCopy = { TaskSession: connect.TaskSession, TaskJS: connect.TaskJS };
