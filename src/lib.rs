//! taskjs-rs: Amazon Connect TaskJS rewritten in Rust and compiled to WebAssembly.
//!
//! [`core`] holds the logic (event classification, routing, subscriber lists, request
//! building and validation) as plain Rust, tested with `cargo test`. The rest is the
//! wasm-bindgen shell, in layers that import downwards only:
//!
//! ```text
//! exports   every way JavaScript calls in, each entering the instance first
//!   api     the page-facing API: session, manager, delivery, agent, install
//!     state   the record that outlives an instance, what an instance derives from it, the
//!             instance itself (entering it, renewing it)
//!       sys       bindings to JavaScript: Streams' objects, built-ins, the loader's shim
//!       core      plain Rust
//!       runtime   the allocator, the stack checks
//! ```

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod exports;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod sys;
