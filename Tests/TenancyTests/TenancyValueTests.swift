import FieldOpsCrypto
import Tenancy
import Testing

@Suite struct TenancyValueTests {
    @Test func slugsFollowTheDocumentedPattern() throws {
        for valid in ["acme", "acme-btp-2", "abc", String(repeating: "a", count: 40)] {
            #expect(try TenantSlug(valid).value == valid)
        }
        for invalid in ["ab", "1acme", "Acme", "acme_btp", "acme btp", "", String(repeating: "a", count: 41), "acmé"] {
            #expect(throws: TenancyError.self) { try TenantSlug(invalid) }
        }
    }

    @Test func placementNamesDeriveFromTheSlug() throws {
        let placement = TenantPlacement(slug: try TenantSlug("acme-btp"), serverName: "pg-a")
        #expect(placement.databaseName == "tenant_acme_btp")
        #expect(placement.roleName == "tenant_acme_btp_owner")
    }

    @Test func serverListsParseNamesAndURLsAndRefuseRepeats() throws {
        let servers = try DatabaseServer.list("pg-a=postgresql://u:secret@10.0.0.1:5432/postgres, pg-b=postgresql://u:s@10.0.0.2:6432/postgres")
        #expect(servers.map(\.name) == ["pg-a", "pg-b"])
        #expect(servers[1].admin.port == 6432)
        #expect(try DatabaseServer.list("").isEmpty)
        let repeated = #expect(throws: TenancyError.self) { try DatabaseServer.list("a=postgresql://h/x,a=postgresql://h/y") }
        #expect(repeated?.code == .invalidConfiguration)
        let missingName = #expect(throws: TenancyError.self) { try DatabaseServer.list("postgresql://u:secret@h/x") }
        #expect(missingName?.message.contains("secret") == false)
    }

    @Test func sectorsAreTheThreeTrades() throws {
        #expect(try TenantSector(validating: "public_works") == .publicWorks)
        #expect(throws: TenancyError.self) { try TenantSector(validating: "plumbing") }
    }

    @Test func secretBoxRoundTripsAndRefusesAlteredOrForeignValues() throws {
        let box = try #require(SecretBox(hexKey: String(repeating: "ab", count: 32)))
        let sealed = box.seal(Array("mot de passe".utf8))
        #expect(box.open(sealed) == Array("mot de passe".utf8))
        #expect(box.seal(Array("mot de passe".utf8)) != sealed)
        var altered = sealed
        altered[altered.count - 1] ^= 1
        #expect(box.open(altered) == nil)
        #expect(SecretBox(hexKey: String(repeating: "cd", count: 32))!.open(sealed) == nil)
        #expect(SecretBox(hexKey: "abcd") == nil)
    }
}
