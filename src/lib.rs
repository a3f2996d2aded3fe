//! taskjs-rs: Amazon Connect TaskJS rewritten in Rust and compiled to WebAssembly.
//!
//! [`core`] holds the logic (event classification, routing, subscriber lists, request
//! normalisation and validation) as plain Rust, tested with `cargo test`. The other modules
//! are the thin wasm-bindgen shell: they convert values and call the page's JavaScript
//! (Streams' `connect` global).

pub mod core;

#[cfg(target_arch = "wasm32")]
mod agent_api;
#[cfg(target_arch = "wasm32")]
mod binding;
#[cfg(target_arch = "wasm32")]
pub mod install;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod registry;
#[cfg(target_arch = "wasm32")]
pub mod session;
