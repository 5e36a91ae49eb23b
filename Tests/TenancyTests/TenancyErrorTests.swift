import FieldOpsCore
import Tenancy
import Testing

@Suite("Tenancy errors")
struct TenancyErrorTests {
    @Test("only a tenant that does not exist tells message consumers that retrying cannot help")
    func retryAdvice() {
        #expect(TenancyError(code: .unknownTenant, message: "no tenant gone").retryCannotHelp)
        for code in [TenancyError.Code.tenantSuspended, .tenantUnavailable, .noServer, .stepFailed] {
            #expect(!TenancyError(code: code, message: "passes").retryCannotHelp, "\(code)")
        }
    }
}
