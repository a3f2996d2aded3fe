//! taskjs-rs: Amazon Connect TaskJS rewritten in Rust and compiled to WebAssembly.
//!
//! [`core`] holds the logic (event classification, routing, subscriber lists, request
//! building and validation) as plain Rust, tested with `cargo test`. The other modules are the
//! wasm-bindgen shell: they bind Streams' objects (`streams`), expose the page-facing API
//! (`install`, `session`, `agent`) and convert values.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod agent;
#[cfg(target_arch = "wasm32")]
mod binding;
#[cfg(target_arch = "wasm32")]
pub mod entry;
#[cfg(target_arch = "wasm32")]
mod heap;
#[cfg(target_arch = "wasm32")]
pub mod install;
#[cfg(target_arch = "wasm32")]
mod ledger;
#[cfg(target_arch = "wasm32")]
mod recovery;
#[cfg(target_arch = "wasm32")]
mod registry;
#[cfg(target_arch = "wasm32")]
mod session;
#[cfg(target_arch = "wasm32")]
mod stack;
#[cfg(target_arch = "wasm32")]
mod streams;
