// Start-up benchmark: runs just before the TaskJS bundle's script tag.
window.__benchStart = performance.now();
