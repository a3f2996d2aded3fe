// Start-up benchmark: runs just after the TaskJS bundle, creating nothing: the bundle's script
// has returned ("blocking at load").
window.__benchLoaded = performance.now();
