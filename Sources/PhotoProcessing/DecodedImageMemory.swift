import CVipsShims

/// How a process that decodes photos all day should hold its memory.
public enum DecodedImageMemory {
    /// A decoded 12-megapixel photo is a 36 MB block. glibc serves blocks that large with `mmap`
    /// and returns them on `free`, so every photo faulted its pages in again (a fifth of a photo's
    /// CPU). Raising both thresholds above `largestBlock` keeps freed blocks in the heap for the next
    /// photo: the worker's resident size stays at its peak, which is what it is sized for anyway.
    /// Call once at start, in the photo worker only — never in a process that should give memory back.
    public static func reuseFreedBlocks(upTo largestBlock: Int = 128 << 20) {
        fo_reuse_freed_blocks(largestBlock)
    }
}
