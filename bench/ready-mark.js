// Start-up benchmark: runs just after the TaskJS bundle. "Usable" means a session can be
// created and subscribed to.
(function () {
  var s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: {} });
  s.onMessage(function () {});
  window.__benchReady = performance.now();
})();
