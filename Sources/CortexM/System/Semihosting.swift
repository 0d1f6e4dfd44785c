// ARM semihosting v2 (`BKPT 0xAB`), enough for newlib's rdimon.specs: console I/O, the
// ":semihosting-features" file (so newlib uses SYS_EXIT_EXTENDED and exit statuses survive),
// HEAPINFO from the board's SRAM, clocks derived from the cycle count (deterministic), and
// host files only below `rootDirectory` (none by default). SYS_SYSTEM is always refused.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public struct Semihosting {
  /// Where guest console output goes (stdout by default).
  public var write: (UnsafeRawBufferPointer, _ toStderr: Bool) -> Void = { buf, toStderr in
    if let base = buf.baseAddress { fwrite(base, 1, buf.count, toStderr ? stderr : stdout) }
  }
  /// Console input (stdin by default); returns nil at end of input.
  public var readByte: () -> UInt8? = {
    let c = getchar()
    return c < 0 ? nil : UInt8(c)
  }
  /// Host directory the guest may open files below; nil forbids host files.
  public var rootDirectory: String? = nil
  /// Console output budget in bytes; further output is dropped and flagged.
  public var maxOutputBytes = 64 << 20
  public private(set) var outputBytes = 0
  public private(set) var outputTruncated = false
  public var commandLine = "program"
  /// Heap and stack handed out by SYS_HEAPINFO (set by the loader).
  public var heapBase: UInt32 = 0, heapLimit: UInt32 = 0, stackBase: UInt32 = 0, stackLimit: UInt32 = 0
  var errno: Int32 = 0
  var files: [Int32: OpenFile] = [:]
  var nextHandle: Int32 = 16

  enum OpenFile {
    case stdin, stdout, stderr
    case features(position: Int)
    case host(fd: Int32)
  }

  static let features: [UInt8] = [0x53, 0x48, 0x46, 0x42, 0x03]  // "SHFB", EXIT_EXTENDED|STDOUT_STDERR

  public init() {}

  mutating func emit(_ bytes: [UInt8], toStderr: Bool = false) {
    guard !bytes.isEmpty else { return }
    let room = max(0, maxOutputBytes - outputBytes)
    let n = min(room, bytes.count)
    if n < bytes.count { outputTruncated = true }
    outputBytes += n
    bytes.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<n]), toStderr) }
  }
}

extension Machine {
  /// Handle one semihosting call: operation in r0, parameter in r1, result to r0.
  func semihostingCall() throws(Fault) {
    let op = regs[0]
    let param = regs[1]
    func arg(_ k: UInt32) throws(Fault) -> UInt32 { try MemU(param &+ 4 * k, 4) }
    func bytes(_ address: UInt32, _ count: UInt32) throws(Fault) -> [UInt8] {
      var out: [UInt8] = []
      out.reserveCapacity(Int(min(count, 1 << 20)))
      for k in 0..<count { out.append(UInt8(try MemU(address &+ k, 1))) }
      return out
    }
    var result: UInt32 = 0
    switch op {
    case 0x01:  // SYS_OPEN
      let name = String(decoding: try bytes(try arg(0), try arg(2)), as: UTF8.self)
      let mode = try arg(1)
      result = UInt32(bitPattern: semihostingOpen(name, mode: mode))
    case 0x02:  // SYS_CLOSE
      let h = Int32(bitPattern: try arg(0))
      if case .host(let fd)? = semihosting.files[h] { close(fd) }
      result = semihosting.files.removeValue(forKey: h) == nil ? UInt32(bitPattern: -1) : 0
    case 0x03:  // SYS_WRITEC
      semihosting.emit([UInt8(try MemU(param, 1))])
    case 0x04:  // SYS_WRITE0
      var s: [UInt8] = []
      var a = param
      while s.count < 1 << 20 {
        let c = UInt8(try MemU(a, 1))
        if c == 0 { break }
        s.append(c)
        a &+= 1
      }
      semihosting.emit(s)
    case 0x05:  // SYS_WRITE: returns the number of bytes NOT written
      let h = Int32(bitPattern: try arg(0))
      let data = try bytes(try arg(1), try arg(2))
      switch semihosting.files[h] ?? (h == 1 ? .stdout : h == 2 ? .stderr : nil) {
      case .stdout?: semihosting.emit(data)
      case .stderr?: semihosting.emit(data, toStderr: true)
      case .host(let fd)?:
        let n = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, data.count) }
        result = n < 0 ? UInt32(data.count) : UInt32(data.count - n)
      default: result = UInt32(data.count)
      }
    case 0x06:  // SYS_READ: returns the number of bytes NOT read
      let h = Int32(bitPattern: try arg(0))
      let buffer = try arg(1)
      let count = try arg(2)
      var got: [UInt8] = []
      switch semihosting.files[h] ?? (h == 0 ? .stdin : nil) {
      case .stdin?:
        while got.count < Int(count), let b = semihosting.readByte() {
          got.append(b)
          if b == 10 { break }
        }
      case .features(let position)?:
        got = Array(Semihosting.features.dropFirst(position).prefix(Int(count)))
        semihosting.files[h] = .features(position: position + got.count)
      case .host(let fd)?:
        got = Array(repeating: 0, count: Int(min(count, 1 << 24)))
        let n = got.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        got = Array(got.prefix(max(0, n)))
      default:
        result = count
        break
      }
      for (k, b) in got.enumerated() { try MemU(buffer &+ UInt32(k), 1, write: UInt32(b)) }
      if result == 0 { result = count - UInt32(got.count) }
    case 0x07:  // SYS_READC
      result = UInt32(semihosting.readByte() ?? 0xFF)
    case 0x08:  // SYS_ISERROR
      result = Int32(bitPattern: try arg(0)) < 0 ? 1 : 0
    case 0x09:  // SYS_ISTTY
      switch semihosting.files[Int32(bitPattern: try arg(0))] {
      case .stdin?, .stdout?, .stderr?: result = 1
      default: result = 0
      }
    case 0x0A:  // SYS_SEEK
      let h = Int32(bitPattern: try arg(0))
      let position = try arg(1)
      switch semihosting.files[h] {
      case .host(let fd)?: result = lseek(fd, off_t(position), SEEK_SET) < 0 ? UInt32(bitPattern: -1) : 0
      case .features?: semihosting.files[h] = .features(position: Int(position))
      default: result = UInt32(bitPattern: -1)
      }
    case 0x0C:  // SYS_FLEN
      switch semihosting.files[Int32(bitPattern: try arg(0))] {
      case .host(let fd)?:
        var st = stat()
        result = fstat(fd, &st) == 0 ? UInt32(truncatingIfNeeded: st.st_size) : UInt32(bitPattern: -1)
      case .features?: result = UInt32(Semihosting.features.count)
      default: result = 0
      }
    case 0x10:  // SYS_CLOCK: centiseconds of emulated time
      result = UInt32(truncatingIfNeeded: UInt64(Double(cycles) / board.clockHz * 100))
    case 0x11:  // SYS_TIME: seconds of emulated time (deterministic, not the host clock)
      result = UInt32(truncatingIfNeeded: UInt64(Double(cycles) / board.clockHz))
    case 0x12:  // SYS_SYSTEM: always refused
      result = UInt32(bitPattern: -1)
      semihosting.errno = 1  // EPERM
    case 0x13:  // SYS_ERRNO
      result = UInt32(bitPattern: semihosting.errno)
    case 0x15:  // SYS_GET_CMDLINE
      let buffer = try arg(0)
      let size = try arg(1)
      // A zero-size buffer cannot even hold the terminating NUL: report failure (-1).
      guard size > 0 else {
        result = UInt32(bitPattern: -1)
        break
      }
      let line = Array(semihosting.commandLine.utf8.prefix(Int(size) - 1)) + [0]
      for (k, b) in line.enumerated() { try MemU(buffer &+ UInt32(k), 1, write: UInt32(b)) }
      try MemU(param &+ 4, 4, write: UInt32(line.count - 1))
    case 0x16:  // SYS_HEAPINFO: r1 points to the address of a 4-word block
      let block = try MemU(param, 4)
      let h = semihosting
      for (k, v) in [h.heapBase, h.heapLimit, h.stackBase, h.stackLimit].enumerated() {
        try MemU(block &+ UInt32(4 * k), 4, write: v)
      }
    case 0x18:  // SYS_EXIT: r1 is the reason code
      stop = .exited(param == 0x20026 ? 0 : 1)
    case 0x20:  // SYS_EXIT_EXTENDED: r1 → [reason, subcode]
      let reason = try arg(0)
      let code = try arg(1)
      stop = .exited(reason == 0x20026 ? Int32(bitPattern: code) : 1)
    case 0x30:  // SYS_ELAPSED: 64-bit tick count
      try MemU(param, 4, write: UInt32(truncatingIfNeeded: cycles))
      try MemU(param &+ 4, 4, write: UInt32(truncatingIfNeeded: cycles >> 32))
    case 0x31:  // SYS_TICKFREQ
      result = UInt32(board.clockHz)
    default:
      result = UInt32(bitPattern: -1)
      semihosting.errno = 38  // ENOSYS
    }
    regs[0] = result
  }

  /// SYS_OPEN: the console, the features file, or a host file below the sandbox root.
  func semihostingOpen(_ name: String, mode: UInt32) -> Int32 {
    let file: Semihosting.OpenFile
    if name == ":tt" {
      file = mode < 4 ? .stdin : mode < 8 ? .stdout : .stderr
    } else if name == ":semihosting-features" {
      file = .features(position: 0)
    } else {
      guard let fd = openSandboxed(name, mode: mode) else {
        semihosting.errno = 13  // EACCES
        return -1
      }
      file = .host(fd: fd)
    }
    let handle = semihosting.nextHandle
    semihosting.nextHandle += 1
    semihosting.files[handle] = file
    return handle
  }

  /// Open `name` relative to the root, refusing absolute paths, `..`, and symbolic links.
  func openSandboxed(_ name: String, mode: UInt32) -> Int32? {
    guard let root = semihosting.rootDirectory, !name.isEmpty, !name.hasPrefix("/") else { return nil }
    let parts = name.split(separator: "/", omittingEmptySubsequences: true)
    guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
    var path = root
    for part in parts {
      path += "/" + part
      var st = stat()
      if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK { return nil }
    }
    // ISO C fopen modes: r, rb, r+, r+b, w, wb, w+, w+b, a, ab, a+, a+b.
    let flags: Int32
    switch mode >> 1 {
    case 0: flags = O_RDONLY
    case 1: flags = O_RDWR
    case 2: flags = O_WRONLY | O_CREAT | O_TRUNC
    case 3: flags = O_RDWR | O_CREAT | O_TRUNC
    case 4: flags = O_WRONLY | O_CREAT | O_APPEND
    default: flags = O_RDWR | O_CREAT | O_APPEND
    }
    let fd = open(path, flags | O_NOFOLLOW, 0o644)
    return fd < 0 ? nil : fd
  }
}
