/// A bounded cache that keeps what is still in use: when the current generation is full it becomes
/// the previous one and a hit there moves the entry forward, so values used again survive a
/// turnover while values seen once (a reference number, a free-text description) age out.
struct TwoGenerationCache<Key: Hashable, Value> {
    private var current: [Key: Value] = [:]
    private var previous: [Key: Value] = [:]
    private let generationLimit: Int

    init(generationLimit: Int) {
        self.generationLimit = generationLimit
    }

    mutating func value(for key: Key, orMake make: () -> Value) -> Value {
        if let value = current[key] { return value }
        let value = previous.removeValue(forKey: key) ?? make()
        if current.count >= generationLimit {
            previous = current
            current = Dictionary(minimumCapacity: generationLimit)
        }
        current[key] = value
        return value
    }
}
