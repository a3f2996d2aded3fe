//! The plain-Rust core: no JavaScript types here, so everything is testable with `cargo test`.

pub mod agent_method;
pub mod config;
pub mod errors;
pub mod events;
pub mod input;
pub mod params;
pub mod interner;
pub mod request;
pub mod routing;
pub mod settlement;
pub mod subscribers;
pub mod template;
pub mod validation;
