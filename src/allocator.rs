//! The global allocator of the release build: power-of-two size classes, each with a free list.
//!
//! This module allocates little (routing entries, subscriber lists, short strings), so a
//! simple allocator is enough, and it is far smaller than a general-purpose one. Blocks come
//! from memory obtained with `memory.grow` and are aligned to their size; a freed block goes
//! back to its class's free list and serves the next allocation of that class, so steady-state
//! churn reuses memory instead of growing it. WebAssembly memory never shrinks, so nothing is
//! returned to the system. Single-threaded, like the rest of the crate (see `global.rs`).

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// The smallest block: 8 bytes, room for the free-list link.
const MIN_SHIFT: usize = 3;
/// Classes 8 B, 16 B, ... 2 GiB.
const CLASSES: usize = 32 - MIN_SHIFT;
const PAGE: usize = 65536;

/// The allocator (see the module documentation).
pub struct SizeClasses(UnsafeCell<State>);

struct State {
    /// The first free block of each class; each free block holds the address of the next.
    free: [*mut u8; CLASSES],
    /// The unused rest of the memory obtained so far: `next..end`.
    next: usize,
    end: usize,
    /// Bytes in blocks currently handed out.
    in_use: usize,
}

// SAFETY: wasm32 without `atomics` has one thread (`global.rs` refuses to build otherwise).
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    pub const fn new() -> Self {
        SizeClasses(UnsafeCell::new(State {
            free: [null_mut(); CLASSES],
            next: 0,
            end: 0,
            in_use: 0,
        }))
    }

    /// Bytes currently allocated (block sizes, so rounded up to powers of two).
    pub fn bytes_in_use(&self) -> usize {
        // SAFETY: single-threaded; no reference into the state is held across calls.
        unsafe { (*self.0.get()).in_use }
    }
}

/// The class of a layout: blocks of `8 << class` bytes.
fn class_of(size: usize, align: usize) -> Option<usize> {
    let size = size.max(align).max(1 << MIN_SHIFT).checked_next_power_of_two()?;
    Some(size.trailing_zeros() as usize - MIN_SHIFT)
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let s = &mut *self.0.get();
        let Some(class) = class_of(layout.size(), layout.align()).filter(|&c| c < CLASSES) else {
            return null_mut();
        };
        let size = 1usize << (class + MIN_SHIFT);
        let head = s.free[class];
        let block = if !head.is_null() {
            s.free[class] = *(head as *mut *mut u8);
            head
        } else {
            // Carve a new block, aligned to its size (up to a page) so it suits any request
            // of its class, growing the memory when needed.
            let align = size.min(PAGE);
            let start = (s.next + align - 1) & !(align - 1);
            let Some(end) = start.checked_add(size) else { return null_mut() };
            if end > s.end || s.end == 0 {
                let pages = size.div_ceil(PAGE) + 1;
                let previous = wasm32::memory_grow(0, pages);
                if previous == usize::MAX {
                    return null_mut();
                }
                let base = previous * PAGE;
                if base != s.end {
                    // Not contiguous with what we had (first use, or someone else grew the
                    // memory): start afresh at the new pages; the old remainder is abandoned.
                    s.next = base;
                }
                s.end = base + pages * PAGE;
                return self.alloc(layout);
            }
            s.next = end;
            start as *mut u8
        };
        s.in_use += size;
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let s = &mut *self.0.get();
        if let Some(class) = class_of(layout.size(), layout.align()) {
            *(ptr as *mut *mut u8) = s.free[class];
            s.free[class] = ptr;
            s.in_use -= 1usize << (class + MIN_SHIFT);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if class_of(layout.size(), layout.align()) == class_of(new_size, layout.align()) {
            return ptr;
        }
        let new = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
