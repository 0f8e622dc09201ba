//! The wasm build's memory allocator: free lists of power-of-two blocks.
//!
//! Why not the default (dlmalloc): it is 7 KB of the `.wasm`, a tenth of the size budget, for
//! coalescing and splitting that this program does not need. What it allocates is a handful of
//! long-lived buffers (network, points, boundary grid, workspaces) that grow by doubling, and small
//! short-lived strings for messages. Here a request is rounded up to a power of two (16 bytes at
//! least) and served from that size's free list, or else carved from the end of the heap, which
//! grows the wasm memory when it runs out (wasm memory never shrinks, dlmalloc's included). A freed
//! block goes back on its size's list. At most half of a block is unused, and memory that a size
//! once needed stays with that size: the price of the simplicity, bounded here because the
//! program's peak use per size is small and steady.
//!
//! Single-threaded: the wasm build has no threads (it is compiled without the `atomics` feature).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// Smallest block: two pointers' worth, and the alignment every block has at least.
const MIN_BLOCK: usize = 16;
/// Size classes `MIN_BLOCK · 2^k`, up to 1 GiB (a quarter of all wasm32 memory).
const CLASSES: usize = 27;

struct Heap {
    /// Head of each class's list of free blocks; a free block's first word points to the next.
    free: [*mut u8; CLASSES],
    /// The unused end of the heap: `next..end` has never been handed out.
    next: usize,
    end: usize,
}

/// The allocator; `#[global_allocator]` in `lib.rs` for wasm builds.
pub struct Blocks(UnsafeCell<Heap>);

// SAFETY: the wasm build is single-threaded (no `atomics`), so the heap is never shared.
unsafe impl Sync for Blocks {}

impl Blocks {
    pub const fn new() -> Blocks {
        Blocks(UnsafeCell::new(Heap {
            free: [null_mut(); CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

impl Default for Blocks {
    fn default() -> Self {
        Blocks::new()
    }
}

/// The class whose blocks hold `layout` (size and alignment both), or `None` if none is big enough.
fn class(layout: &Layout) -> Option<usize> {
    let need = layout.size().max(layout.align()).max(MIN_BLOCK);
    let block = need.checked_next_power_of_two()?;
    let class = (block.trailing_zeros() - MIN_BLOCK.trailing_zeros()) as usize;
    (class < CLASSES).then_some(class)
}

/// `n` more bytes of wasm memory, page-rounded, as an address range; `None` if memory cannot grow.
#[cfg(target_arch = "wasm32")]
fn grow(n: usize) -> Option<(usize, usize)> {
    const PAGE: usize = 65_536;
    let pages = n.div_ceil(PAGE);
    let old = core::arch::wasm32::memory_grow(0, pages);
    (old != usize::MAX).then(|| (old * PAGE, (old + pages) * PAGE))
}

#[cfg(not(target_arch = "wasm32"))]
fn grow(_n: usize) -> Option<(usize, usize)> {
    None
}

// Never inlined: with LTO every `Vec` growth would otherwise carry its own copy.
unsafe impl GlobalAlloc for Blocks {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class(&layout) else {
            return null_mut();
        };
        // SAFETY: single-threaded (see `Sync`), and no allocation happens while this borrow lives.
        let heap = unsafe { &mut *self.0.get() };
        let head = heap.free[class];
        // Every block is aligned to at least `MIN_BLOCK`; a request for more (rare) reuses the
        // list's head only if it happens to be aligned enough, else it takes a fresh block.
        if !head.is_null() && (head as usize).is_multiple_of(layout.align()) {
            // SAFETY: a free block's first word holds the next free block of its class.
            heap.free[class] = unsafe { *(head as *mut *mut u8) };
            return head;
        }
        let size = MIN_BLOCK << class;
        let align = layout.align().max(MIN_BLOCK).min(size);
        let mut start = heap.next.next_multiple_of(align);
        if heap.end.checked_sub(start).is_none_or(|room| room < size) {
            let Some((lo, hi)) = grow(size + align) else {
                return null_mut();
            };
            // Fresh pages follow the old end when nothing else grew memory in between.
            if lo != heap.end {
                heap.next = lo;
            }
            heap.end = hi;
            start = heap.next.next_multiple_of(align);
        }
        heap.next = start + size;
        start as *mut u8
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class(&layout) else { return };
        // SAFETY: as in `alloc`; `ptr` came from `alloc` with this layout, so its block belongs to
        // `class` and is at least a pointer long.
        let heap = unsafe { &mut *self.0.get() };
        unsafe { *(ptr as *mut *mut u8) = heap.free[class] };
        heap.free[class] = ptr;
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` with `layout.align()` is a valid layout.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(&layout) == class(&new) {
            return ptr; // the block already has room
        }
        // SAFETY: as `GlobalAlloc::realloc` requires: a new block, the common prefix copied, the
        // old block freed.
        unsafe {
            let out = self.alloc(new);
            if !out.is_null() {
                std::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_size_and_alignment() {
        let c = |size, align| class(&Layout::from_size_align(size, align).unwrap());
        assert_eq!(c(1, 1), Some(0));
        assert_eq!(c(16, 8), Some(0));
        assert_eq!(c(17, 8), Some(1));
        assert_eq!(c(8, 64), Some(2));
        assert_eq!(c(1 << 20, 8), Some(16));
        assert_eq!(c(1 << 30, 8), Some(26));
        assert_eq!(c((1 << 30) + 1, 8), None);
        assert_eq!(c(isize::MAX as usize, 1), None);
    }
}
