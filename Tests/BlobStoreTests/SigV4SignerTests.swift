import BlobStore
import Testing

/// AWS's published examples (S3 "Signature Calculations for the Authorization Header" and "Query
/// String Authentication"), with their example credentials.
@Suite("SigV4 signer")
struct SigV4SignerTests {
    let signer = SigV4Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    /// 2013-05-24T00:00:00Z.
    let time = AmzTimestamp(secondsSinceEpoch: 1_369_353_600)

    @Test func timestampsAreFormattedAsSigV4Wants() {
        #expect(time.dateTime == "20130524T000000Z")
        #expect(time.date == "20130524")
        #expect(AmzTimestamp(secondsSinceEpoch: 951_868_799).dateTime == "20000229T235959Z")
    }

    @Test func aGetObjectRequestIsSignedAsInAWSsExample() {
        let request = SigV4Signer.Request(
            method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", headers: [("Range", "bytes=0-9")]
        )
        let emptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let headers = signer.authorizationHeaders(for: request, payloadHash: emptyPayload, at: time)
        let authorization = headers.first { $0.name == "Authorization" }?.value
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func aPresignedURLIsSignedAsInAWSsExample() {
        let request = SigV4Signer.Request(method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt")
        let query = signer.presignedQuery(for: request, expiresInSeconds: 86_400, at: time)
        #expect(query == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func uriEncodingKeepsOnlyUnreservedCharacters() {
        #expect(SigV4Signer.uriEncode("a b/c~d*é") == "a%20b%2Fc~d%2A%C3%A9")
        #expect(SigV4Signer.uriEncode("photos/2026/x.jpg", keepingSlash: true) == "photos/2026/x.jpg")
    }
}
