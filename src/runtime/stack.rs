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

/// How far below its top an entry may find the shadow stack (1 MiB in all) before the
/// instance is replaced. Calls nested through JavaScript (a subscriber that calls back in)
/// take a few KiB each.
const DRIFT_LIMIT: usize = 256 * 1024;

/// The recursion, called through a pointer the optimiser cannot see through, so that it is
/// neither inlined nor turned into a loop; it keeps nothing in linear memory. Each call carries
/// 32 numbers, which the engine passes mostly on the native stack: a call takes several times
/// the stack of a bare call, so a few calls, each of them cheap, cover the headroom.
type Probe = fn(u32, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64,
    u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64, u64) -> u64;
static PROBE: Probe = probe;

#[inline(never)]
#[allow(clippy::too_many_arguments)]
#[rustfmt::skip]
fn probe(depth: u32, a0: u64, a1: u64, a2: u64, a3: u64, a4: u64, a5: u64, a6: u64, a7: u64,
    a8: u64, a9: u64, a10: u64, a11: u64, a12: u64, a13: u64, a14: u64, a15: u64, a16: u64,
    a17: u64, a18: u64, a19: u64, a20: u64, a21: u64, a22: u64, a23: u64, a24: u64, a25: u64,
    a26: u64, a27: u64, a28: u64, a29: u64, a30: u64, a31: u64) -> u64 {
    if depth == 0 {
        return a0 ^ a31;
    }
    // SAFETY: a read of a `static` initialised with a function pointer.
    let next = unsafe { std::ptr::read_volatile(&PROBE) };
    // Rotated, so that every argument stays in use; and every one is used again after the call,
    // so that each level keeps them all on the stack even where the engine inlines the call
    // (V8 inlines indirect calls it has seen often: frames merged, arguments that died at the
    // call would take no stack).
    let below = next(depth - 1, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
        a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a0);
    below ^ a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7 ^ a8 ^ a9 ^ a10 ^ a11 ^ a12 ^ a13 ^ a14 ^ a15
        ^ a16 ^ a17 ^ a18 ^ a19 ^ a20 ^ a21 ^ a22 ^ a23 ^ a24 ^ a25 ^ a26 ^ a27 ^ a28 ^ a29 ^ a30
        ^ a31
}

/// Makes `calls` nested calls of the probe.
fn run(calls: u32) {
    // SAFETY: as in `probe`.
    let probe = unsafe { std::ptr::read_volatile(&PROBE) };
    let x = black_box(u64::from(calls));
    black_box(probe(calls, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x,
        x, x, x, x, x, x, x, x));
}

/// How much native stack a call must find free, in calls of the probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Headroom {
    /// A call from the page: comfortably more than the deepest path through the module takes
    /// between two calls out to JavaScript.
    Call = 50,
    /// A fresh instance deriving its state from the record.
    Rebuild = 150,
    /// An agent request, which must not fail once it is sent, and an answer to one, which
    /// commits its end before it calls the caller's callback: room also for the client's own
    /// work, and for the engine to compile, at their first use, the functions on those paths
    /// (V8 keeps tens of KiB of stack for a compilation). These come once or twice per request.
    Request = 200,
}

/// Throws the engine's RangeError here, before our state is touched, if the native stack has
/// less than `headroom` left.
#[inline(never)]
pub fn ensure_headroom(headroom: Headroom) {
    run(headroom as u32);
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
