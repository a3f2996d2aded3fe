// Loaded before a TaskJS bundle: keeps every WebAssembly instance the page creates in
// window.__wasmInstances, so a test can read the linear memory of ours from outside.
(function () {
  'use strict';
  var seen = window.__wasmInstances = [];
  var Original = WebAssembly.Instance;
  function Instance(module, imports) {
    var instance = new Original(module, imports);
    seen.push(instance);
    return instance;
  }
  Instance.prototype = Original.prototype;
  WebAssembly.Instance = Instance;
  var instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function () {
    return instantiate.apply(this, arguments).then(function (r) {
      seen.push(r.instance || r);
      return r;
    });
  };
})();
