//! Bindings to the JavaScript the module talks to, one file per kind of object, duck-typed (any
//! object with these members will do, as in wasm-bindgen's duck-typed-interfaces example).
//! Nothing here decides anything: the layers above do.
//!
//! Everything that can run page code is `catch`: a JavaScript exception (a throwing getter, a
//! revoked proxy, a broken manager) becomes an `Err` instead of unwinding through Rust, and
//! through Streams, which called us.

pub mod builtins;
pub mod connect;
pub mod logger;
pub mod session_args;
pub mod shim;
pub mod timers;
pub mod websocket;
