// Starts the package scenario from a page script rather than from the test driver, so all of it
// runs under the page's Content-Security-Policy. The test awaits window.cspRun.
window.cspRun = window.taskScenarioNormalised({
  TaskSession: connect.TaskSession, ReferenceType: connect.ReferenceType, version: connect.TaskJS.version,
});
