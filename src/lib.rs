//! taskjs-rs: Amazon Connect TaskJS rewritten in Rust and compiled to WebAssembly.
//!
//! [`core`] holds the logic (event classification, routing, subscriber lists, request
//! normalisation and validation) as plain Rust, tested with `cargo test`. The other modules
//! are the thin wasm-bindgen shell: they convert values and call the page's JavaScript
//! (Streams' `connect` global).
//!
//! On wasm32 the crate is `no_std` (with `alloc`): the bundle is measured, and std's panic
//! machinery alone would be a large share of it. A panic is a bug here; in the release build it
//! traps, which the JavaScript caller sees as an exception.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

extern crate alloc;

/// What `std`'s prelude would give every module.
#[allow(unused_imports)]
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

pub mod core;

#[cfg(target_arch = "wasm32")]
mod agent_api;
#[cfg(target_arch = "wasm32")]
mod allocator;
#[cfg(target_arch = "wasm32")]
mod binding;
#[cfg(target_arch = "wasm32")]
mod global;
#[cfg(target_arch = "wasm32")]
pub mod install;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod registry;
#[cfg(target_arch = "wasm32")]
pub mod session;

#[cfg(all(target_arch = "wasm32", not(feature = "std"), not(test)))]
pub(crate) mod runtime {
    #[global_allocator]
    pub static ALLOCATOR: crate::allocator::SizeClasses = crate::allocator::SizeClasses::new();

    #[panic_handler]
    fn panic(_: &::core::panic::PanicInfo) -> ! {
        ::core::arch::wasm32::unreachable()
    }
}
