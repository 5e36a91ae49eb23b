/// A distributed lock on one name: `SET key token NX PX ttl`, with a fencing token.
///
/// Acquiring runs one Lua script that sets the lock and, only if that succeeded, INCRs the lock's
/// counter, so each winner gets a fencing token larger than every earlier winner's and losers consume
/// none. A lock guards efficiency only: a holder paused past its TTL can still act, so whatever the
/// lock protects must reject writes carrying a fencing token older than the last one it saw.
/// Release and extend compare the random token first, so a holder whose lease expired cannot free or
/// prolong the lock a newer holder took.
public struct RedisLock: Sendable {
    public let pool: RedisPool
    public let name: String
    let key: RedisArgument
    let fenceKey: RedisArgument

    /// Keys are `<keyPrefix>{<name>}` and `<keyPrefix>{<name>}:fence` (one hash slot in a cluster).
    public init(pool: RedisPool, name: String, keyPrefix: String = "lock:") {
        self.pool = pool
        self.name = name
        key = RedisArgument("\(keyPrefix){\(name)}")
        fenceKey = RedisArgument("\(keyPrefix){\(name)}:fence")
    }

    /// One attempt: the lease if the lock was free, nil if someone holds it.
    public func acquire(ttl: Duration) async throws -> LockLease? {
        let token = Self.randomToken()
        let reply = try await pool.evaluate(
            Self.acquireScript, keys: [key, fenceKey], arguments: [RedisArgument(token), .milliseconds(ttl)]
        )
        switch reply {
        case .integer(let fencingToken): return LockLease(lock: self, token: token, fencingToken: fencingToken)
        case .null: return nil
        default: throw RedisError(.unexpectedReply, "lock acquire script returned \(reply)")
        }
    }

    /// Retries (with jitter around `retryInterval`) until the lock is won or `wait` has passed; nil then.
    public func acquire(ttl: Duration, waitingUpTo wait: Duration, retryInterval: Duration = .milliseconds(50)) async throws -> LockLease? {
        let deadline = ContinuousClock.now + wait
        while true {
            if let lease = try await acquire(ttl: ttl) { return lease }
            let pause = retryInterval * Double.random(in: 0.5...1.5)
            guard ContinuousClock.now + pause < deadline else { return nil }
            try await Task.sleep(for: pause)
        }
    }

    /// Runs `body` holding the lock and releases it afterwards; throws `lockNotHeld` if the lock could
    /// not be won within `wait`.
    public func withLock<T>(ttl: Duration, waitingUpTo wait: Duration = .zero, _ body: (LockLease) async throws -> T) async throws -> T {
        guard let lease = try await acquire(ttl: ttl, waitingUpTo: wait) else {
            throw RedisError(.lockNotHeld, "lock \(name) is held by someone else")
        }
        do {
            let result = try await body(lease)
            try await lease.release()
            return result
        } catch {
            _ = try? await lease.release()
            throw error
        }
    }

    func release(_ lease: LockLease) async throws -> Bool {
        try await pool.evaluate(Self.releaseScript, keys: [key], arguments: [RedisArgument(lease.token)]) == .integer(1)
    }

    func extend(_ lease: LockLease, ttl: Duration) async throws -> Bool {
        try await pool.evaluate(
            Self.extendScript, keys: [key], arguments: [RedisArgument(lease.token), .milliseconds(ttl)]
        ) == .integer(1)
    }

    /// 128 random bits in hex: unguessable, so no other client can pass for the holder.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (word: UInt64) in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    static let acquireScript = RedisScript("""
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            return redis.call('INCR', KEYS[2])
        end
        return false
        """)

    static let releaseScript = RedisScript("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """)

    static let extendScript = RedisScript("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """)
}

/// Proof of holding a `RedisLock` until its TTL runs out.
public struct LockLease: Sendable {
    public let lock: RedisLock
    /// The random value stored in the lock key while this lease holds it.
    public let token: String
    /// Strictly greater than the fencing token of every earlier lease on the same lock.
    public let fencingToken: Int

    /// Frees the lock if this lease still holds it; false if it expired (and maybe went to someone else).
    @discardableResult
    public func release() async throws -> Bool {
        try await lock.release(self)
    }

    /// Sets the remaining TTL to `ttl` if this lease still holds the lock; false otherwise.
    public func extend(ttl: Duration) async throws -> Bool {
        try await lock.extend(self, ttl: ttl)
    }
}
