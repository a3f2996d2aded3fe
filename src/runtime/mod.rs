//! The module's own machinery, below everything that knows about TaskJS: the allocator and the
//! native stack checks.

pub mod heap;
pub mod stack;
