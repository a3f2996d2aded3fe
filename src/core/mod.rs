//! The plain-Rust core: no JavaScript types here, so everything is testable with `cargo test`.

pub mod events;
pub mod input;
pub mod params;
pub mod interner;
pub mod request;
pub mod routing;
pub mod subscribers;
pub mod validation;
