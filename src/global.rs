//! Module-wide state for single-threaded WebAssembly.

use ::core::cell::OnceCell;

// `Global` is only sound without threads; a wasm build with shared memory must not use it.
#[cfg(target_feature = "atomics")]
compile_error!("taskjs-rs assumes single-threaded WebAssembly");

/// A lazily initialised value shared by the whole module (what `thread_local!` gives with
/// std). WebAssembly without the atomics feature runs on one thread, so sharing is sound.
pub struct Global<T>(OnceCell<T>);

// SAFETY: wasm32 without `atomics` has exactly one thread (checked above).
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    /// An empty global; `get` initialises it on first use.
    pub const fn new() -> Self {
        Global(OnceCell::new())
    }

    /// The value, created by `init` on first use.
    pub fn get(&self, init: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(init)
    }
}
