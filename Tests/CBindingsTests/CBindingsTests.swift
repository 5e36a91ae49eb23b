import CCurl
import CHiredis
import CLibPQ
import CMicroHTTPD
import CPangoCairo
import CRabbitMQ
import CSodium
import CVips
import CXlsxWriter
import Foundation
import Testing

/// Each Debian C library links, and offers the feature the platform relies on it for.
@Suite("C library bindings")
struct CBindingsTests {
    @Test("rabbitmq-c is the 0.11 series")
    func rabbitmq() {
        #expect(String(cString: amqp_version()).hasPrefix("0.11"))
    }

    @Test("libpq is at least 15 and thread-safe")
    func libpq() {
        #expect(PQlibVersion() >= 150_000)
        #expect(PQisthreadsafe() == 1)
    }

    @Test("hiredis builds a binary-safe command from argv")
    func hiredis() {
        let arguments: [[UInt8]] = [Array("SET".utf8), [0x6B, 0x00, 0x6B], [0xFF, 0x00]]
        var target: UnsafeMutablePointer<CChar>?
        let pointers = arguments.map { bytes in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
            return UnsafePointer(copy)
        }
        defer { pointers.forEach { $0.deallocate() } }
        var lengths = arguments.map { $0.count }
        var argv: [UnsafePointer<CChar>?] = pointers
        let length = redisFormatCommandArgv(&target, Int32(arguments.count), &argv, &lengths)
        defer { redisFreeCommand(target) }
        let wire = String(decoding: UnsafeRawBufferPointer(start: target, count: Int(length)), as: UTF8.self)
        #expect(wire.hasPrefix("*3\r\n$3\r\nSET\r\n$3\r\n"))
        #expect(Int(length) == "*3\r\n$3\r\nSET\r\n$3\r\n".utf8.count + 3 + 2 + "$2\r\n".utf8.count + 2 + 2)
    }

    @Test("libvips initialises and can save JPEG and make thumbnails")
    func vips() {
        #expect(vips_init("CBindingsTests") == 0)
        #expect(vips_version(0) == 8)
        #expect(vips_foreign_find_save_buffer(".jpg").map { String(cString: $0) } == "VipsForeignSaveJpegBuffer")
        #expect(vips_type_find("VipsOperation", "thumbnail_buffer") != 0)
    }

    @Test("libxlsxwriter writes a workbook")
    func xlsxwriter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bindings-\(UUID()).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workbook = try #require(workbook_new(path))
        let sheet = workbook_add_worksheet(workbook, "Chantier")
        #expect(worksheet_write_number(sheet, 0, 0, 42.5, nil) == LXW_NO_ERROR)
        #expect(worksheet_write_string(sheet, 0, 1, "Béton coulé", nil) == LXW_NO_ERROR)
        #expect(workbook_close(workbook) == LXW_NO_ERROR)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(2) == Data("PK".utf8))
    }

    @Test("cairo and pango render text into a PDF")
    func pangoCairo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bindings-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let surface = cairo_pdf_surface_create(path, 595, 842)
        let context = cairo_create(surface)
        let layout = pango_cairo_create_layout(context)
        pango_layout_set_text(layout, "Rapport journalier — chantier Lyon 3e", -1)
        pango_cairo_show_layout(context, layout)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_pixel_size(layout, &width, &height)
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(context)
        cairo_surface_finish(surface)
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        #expect(width > 100 && height > 5)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(5) == Data("%PDF-".utf8))
    }

    @Test("libsodium hashes SHA-256 and derives argon2id")
    func sodium() {
        #expect(sodium_init() >= 0)
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        let input = Array("abc".utf8)
        #expect(crypto_hash_sha256(&digest, input, UInt64(input.count)) == 0)
        let hex = digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(crypto_pwhash_alg_argon2id13() == crypto_pwhash_ALG_ARGON2ID13)
    }

    @Test("libcurl speaks HTTPS and SMTP and signs AWS SigV4")
    func curl() throws {
        let info = try #require(curl_version_info(CURLVERSION_TENTH))
        var protocols: Set<String> = []
        var cursor = info.pointee.protocols
        while let name = cursor?.pointee {
            protocols.insert(String(cString: name))
            cursor = cursor?.advanced(by: 1)
        }
        #expect(protocols.isSuperset(of: ["http", "https", "smtp", "smtps"]))
        #expect(info.pointee.version_num >= 0x07_4B_00) // 7.75.0 introduced CURLOPT_AWS_SIGV4
    }

    @Test("libmicrohttpd offers epoll and thread pools")
    func microhttpd() {
        #expect(String(cString: MHD_get_version()).hasPrefix("0.9."))
        #expect(MHD_is_feature_supported(.FEATURE_EPOLL) == .YES)
    }
}
