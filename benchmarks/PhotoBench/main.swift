// The Swift side of scripts/bench/photo.sh: the evidence pipeline (header check, decode, EXIF
// rotation, watermark band, JPEG, 1600 px and 400 px thumbnails, SHA-256 of everything) over a set
// of photos with N worker threads, writing the three outputs of each to a directory.
//
//   PhotoBench <workers> <output-directory> <photo>...
import Dispatch
import Foundation
import PhotoProcessing
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count >= 4, let workers = Int(arguments[1]), workers > 0 else {
    FileHandle.standardError.write(Data("usage: PhotoBench <workers> <output-directory> <photo>...\n".utf8))
    exit(2)
}
let output = arguments[2]
let photos = Array(arguments[3...])
let lines = ["2026-12-04 09:30:00 UTC+01:00 (Europe/Paris)", "GPS 48.880910, 2.355310 ±8 m", "Gare du Nord · INT-2026-000042", "Julie Martin · SHA-256 3f2a9c1e0b7d"]
DecodedImageMemory.reuseFreedBlocks()  // as the photo worker does
let pipeline = PhotoPipeline(settings: PhotoProcessingSettings())
let next = Atomic<Int>(0)
let failures = Atomic<Int>(0)

/// CPU time of the whole process (every libvips thread), in milliseconds.
func processCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}

// Warm-up, not counted: libvips, Pango and fontconfig load their tables on first use, once per process.
if let first = photos.first, let bytes = try? Data(contentsOf: URL(fileURLWithPath: first)) {
    _ = try? pipeline.process(Array(bytes), lines: lines)
}

let start = ContinuousClock.now
let cpuStart = processCPUMilliseconds()
DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < photos.count else { return }
        do {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: photos[index])))
            let result = try pipeline.process(original, lines: lines)
            let name = "\(output)/\(index)"
            try Data(result.watermarked.bytes).write(to: URL(fileURLWithPath: name + "-watermarked.jpg"))
            try Data(result.thumbnails[0].bytes).write(to: URL(fileURLWithPath: name + "-1600.jpg"))
            try Data(result.thumbnails[1].bytes).write(to: URL(fileURLWithPath: name + "-400.jpg"))
        } catch {
            FileHandle.standardError.write(Data("\(photos[index]): \(error)\n".utf8))
            failures.add(1, ordering: .relaxed)
        }
    }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("photos \(photos.count)")
print("workers \(workers)")
print("seconds \(String(format: "%.3f", seconds))")
print("photos_per_second \(String(format: "%.2f", Double(photos.count) / seconds))")
print("cpu_ms_per_photo \(String(format: "%.1f", (processCPUMilliseconds() - cpuStart) / Double(photos.count)))")
exit(failures.load(ordering: .relaxed) == 0 ? 0 : 1)
