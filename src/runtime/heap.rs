//! The allocator: talc (it measures about 1 KB smaller gzipped than std's dlmalloc), counting
//! the bytes in use for `connect.TaskJS.stats()` (the leak tests check that they come back to
//! where they were).

use std::alloc::{GlobalAlloc, Layout};
use talc::TalckWasm;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting(TalckWasm);

static IN_USE: AtomicUsize = AtomicUsize::new(0);

#[global_allocator]
// SAFETY: the one allocator of this single-threaded module, as talc's docs ask.
static ALLOCATOR: Counting = Counting(unsafe { TalckWasm::new_global() });

// SAFETY: every call is passed to talc as it came; only the count is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc(layout);
        if !p.is_null() {
            IN_USE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = self.0.alloc_zeroed(layout);
        if !p.is_null() {
            IN_USE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        self.0.dealloc(p, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = self.0.realloc(p, layout, new_size);
        if !moved.is_null() {
            IN_USE.fetch_add(new_size, Relaxed);
            IN_USE.fetch_sub(layout.size(), Relaxed);
        }
        moved
    }
}

/// Bytes currently allocated.
pub fn bytes_in_use() -> usize {
    IN_USE.load(Relaxed)
}
