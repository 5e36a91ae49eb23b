import PhotoProcessing
import Testing

@Suite("Watermark layout engine")
struct WatermarkLayoutEngineTests {
    let lines = ["2026-12-04 10:32 Europe/Paris", "48.856610, 2.352220 ±8 m", "Chantier Gare Nord · INT-2026-0042", "J. Martin · sha256 3f2a9c1e"]

    @Test func theBandSpansTheBottomAndScalesWithTheImage() {
        let small = WatermarkLayoutEngine.layout(imageWidth: 1000, imageHeight: 750, lines: lines, bandHeightRatio: 0.12)
        let large = WatermarkLayoutEngine.layout(imageWidth: 4000, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12)
        #expect(large.band == PixelRect(x: 0, y: 2640, width: 4000, height: 360))
        #expect(small.band.maxY == 750 && small.band.width == 1000)
        #expect(large.fontSize > 3 * small.fontSize, "font grows with the image: \(small.fontSize) → \(large.fontSize)")
    }

    @Test func everyLineFitsInsideTheBandWithoutOverlapping() {
        let layout = WatermarkLayoutEngine.layout(imageWidth: 4000, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12)
        #expect(layout.lines.map(\.text) == lines)
        for (line, next) in zip(layout.lines, layout.lines.dropFirst()) {
            #expect(next.y >= line.y + layout.fontSize, "lines do not overlap")
        }
        let last = layout.lines.last!
        #expect(last.y + layout.fontSize <= layout.band.height)
        #expect(layout.lines.allSatisfy { $0.x > 0 && $0.x + $0.maxWidth <= layout.band.width })
    }

    @Test func aLongLineOnANarrowImageShrinksTheFont() {
        let portrait = WatermarkLayoutEngine.layout(imageWidth: 600, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12)
        let estimatedWidth = Double(lines.map(\.count).max()!) * 0.62 * Double(portrait.fontSize)
        #expect(estimatedWidth <= Double(portrait.lines[0].maxWidth))
        let landscape = WatermarkLayoutEngine.layout(imageWidth: 6000, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12)
        #expect(portrait.fontSize < landscape.fontSize)
    }

    @Test func aLogoTakesTheRightEndAndNarrowsTheText() {
        let plain = WatermarkLayoutEngine.layout(imageWidth: 4000, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12)
        let branded = WatermarkLayoutEngine.layout(imageWidth: 4000, imageHeight: 3000, lines: lines, bandHeightRatio: 0.12, logoAspectRatio: 2)
        let logo = try! #require(branded.logo)
        #expect(logo.maxX < 4000 && logo.maxY < branded.band.height && logo.width == 2 * logo.height)
        #expect(branded.lines[0].x + branded.lines[0].maxWidth < logo.x)
        #expect(branded.lines[0].maxWidth < plain.lines[0].maxWidth)
    }

    @Test func aTinyImageIsStillLegibleOrEntirelyBand() {
        let tiny = WatermarkLayoutEngine.layout(imageWidth: 80, imageHeight: 40, lines: lines, bandHeightRatio: 0.12)
        #expect(tiny.band == PixelRect(x: 0, y: 0, width: 80, height: 40))
        #expect(tiny.fontSize >= 8)
    }

    @Test(arguments: [0.0, 40.0, 128.0, 200.0, 255.0])
    func whiteTextReachesSevenToOneOnAnyBackground(level: Double) {
        let colours = WatermarkLayoutEngine.colours(backgroundLevel: level)
        #expect(colours.textLevel == 255)
        #expect(colours.bandOpacity >= 0.45 && colours.bandOpacity <= 0.9)
        #expect(colours.contrastRatio >= 7 || colours.bandOpacity == 0.9, "ratio \(colours.contrastRatio) at opacity \(colours.bandOpacity)")
    }

    @Test func brighterPhotosGetADarkerBand() {
        let dark = WatermarkLayoutEngine.colours(backgroundLevel: 30)
        let bright = WatermarkLayoutEngine.colours(backgroundLevel: 240)
        #expect(dark.bandOpacity == 0.45)
        #expect(bright.bandOpacity > 0.8)
    }
}
