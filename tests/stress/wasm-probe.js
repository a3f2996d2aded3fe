// Loaded before a TaskJS bundle: keeps the last few WebAssembly instances the page creates in
// window.__wasmInstances, so a test can read the linear memory of ours from outside. (Only the
// last few: after a recovery the bundle's old instances must be free to be collected.)
(function () {
  'use strict';
  var seen = window.__wasmInstances = [];
  var keep = function (instance) {
    seen.push(instance);
    if (seen.length > 4) seen.shift();
  };
  var Original = WebAssembly.Instance;
  function Instance(module, imports) {
    var instance = new Original(module, imports);
    keep(instance);
    return instance;
  }
  Instance.prototype = Original.prototype;
  WebAssembly.Instance = Instance;
  var instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function () {
    return instantiate.apply(this, arguments).then(function (r) {
      keep(r.instance || r);
      return r;
    });
  };
})();
