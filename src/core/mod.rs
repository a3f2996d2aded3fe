//! The plain-Rust core: no JavaScript types here, so everything is testable with `cargo test`.

pub mod events;
pub mod interner;
pub mod routing;
pub mod slab;
pub mod subscribers;
pub mod task_request;
pub mod uuid;
pub mod validation;
pub mod value;
