//! The stacks at each call from JavaScript.
//!
//! A JavaScript caller deep in its own recursion can leave too little native stack for a call
//! into the module. The engine then throws a RangeError from wherever the call had got to, and
//! unwinds our frames without running their epilogues. Two defences:
//! - [`ensure_headroom`], first thing in each entry point, makes sure a generous amount of
//!   native stack is left; if not, the RangeError is thrown there, where none of our state is
//!   half done (wasm-bindgen's wrapper has taken handles for the arguments, which stay taken
//!   until the instance is renewed: `js/watch.js` renews after many such failures);
//! - what the unwound epilogues would have given back of the shadow stack (the module's own
//!   stack in linear memory, below the data) leaks a little each time: [`drifted`] tells when
//!   it has leaked far enough that the instance should be replaced (`state/instance.rs`).

use std::cell::Cell;
use std::hint::black_box;

/// How many nested calls [`ensure_headroom`] makes: comfortably more native stack than the
/// deepest path through the module takes between two calls out to JavaScript.
const HEADROOM_CALLS: u32 = 400;

/// How far below its top an entry may find the shadow stack (1 MiB in all) before the
/// instance is replaced. Calls nested through JavaScript (a subscriber that calls back in)
/// take a few KiB each.
const DRIFT_LIMIT: usize = 256 * 1024;

/// The recursion, called through a pointer the optimiser cannot see through, so that it is
/// neither inlined nor turned into a loop; it keeps nothing in linear memory.
static PROBE: fn(u32) -> u32 = probe;

#[inline(never)]
fn probe(depth: u32) -> u32 {
    if depth == 0 {
        return 0;
    }
    // SAFETY: a read of a `static` initialised with a function pointer.
    let next = unsafe { std::ptr::read_volatile(&PROBE) };
    next(depth - 1).wrapping_add(1)
}

/// Throws the engine's RangeError here, before our state is touched, if the native stack is
/// nearly exhausted.
#[inline(never)]
pub fn ensure_headroom() {
    // SAFETY: as in `probe`.
    let probe = unsafe { std::ptr::read_volatile(&PROBE) };
    black_box(probe(HEADROOM_CALLS));
}

/// [`ensure_headroom`], with three times the room: before a fresh instance rebuilds its
/// registry.
#[inline(never)]
pub fn ensure_headroom_for_rebuild() {
    // SAFETY: as in `probe`.
    let probe = unsafe { std::ptr::read_volatile(&PROBE) };
    black_box(probe(HEADROOM_CALLS * 3));
}

thread_local! {
    /// Where the shadow stack stood when the instance started.
    static TOP: Cell<usize> = const { Cell::new(0) };
}

/// The shadow stack's current depth marker: the address of a local of a function that is
/// never inlined.
#[inline(never)]
fn here() -> usize {
    let marker = 0u8;
    black_box(&marker) as *const u8 as usize
}

/// Records where the shadow stack stands now (the instance's start).
pub fn record_top() {
    TOP.with(|t| t.set(here()));
}

/// Whether the shadow stack has drifted so far that the instance should be replaced.
pub fn drifted() -> bool {
    let top = TOP.with(Cell::get);
    top != 0 && top.saturating_sub(here()) > DRIFT_LIMIT
}
