package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import me.minav3.mma.assets.SvgSanitizer;
import me.minav3.mma.error.InvalidUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile SVGs come out harmless; a drawing comes out whole. */
class StaxSvgSanitizerTest {

    private final SvgSanitizer sanitizer = AssetStores.svgSanitizer();

    private String clean(String svg) {
        return new String(sanitizer.sanitize(svg.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String svg(String body) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " viewBox=\"0 0 10 10\">" + body + "</svg>";
    }

    @Test
    void aDrawingKeepsItsShapesColoursAndLocalReferences() {
        String out = clean(svg("<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/>"
                + "</linearGradient></defs><path fill=\"url(#g)\" d=\"M0 0h10v10z\"/>"
                + "<use href=\"#g\"/><rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" fill=\"#a00\"/>"));

        assertThat(out)
                .contains("viewBox=\"0 0 10 10\"", "d=\"M0 0h10v10z\"", "fill=\"url(#g)\"", "href=\"#g\"")
                .contains("<rect", "fill=\"#a00\"", "<linearGradient", "stop-color=\"#fff\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<script xlink:href=\"https://evil.example/x.js\"/>",
                "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></body></foreignObject>",
                "<image href=\"https://evil.example/track.png\" width=\"1\" height=\"1\"/>",
                "<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>",
                "<use href=\"https://evil.example/sprite.svg#x\"/>",
                "<use xlink:href=\"data:image/svg+xml;base64,PHN2Zy8+#x\"/>",
                "<style>@import url(https://evil.example/x.css);</style>",
                "<rect style=\"background:url(https://evil.example/beacon)\" width=\"1\" height=\"1\"/>",
                "<rect fill=\"url(https://evil.example/p.svg#p)\" width=\"1\" height=\"1\"/>",
                "<rect onclick=\"alert(1)\" onmouseover=\"alert(2)\" width=\"1\" height=\"1\"/>",
                "<animate attributeName=\"href\" to=\"javascript:alert(1)\"/>",
                "<set attributeName=\"onload\" to=\"alert(1)\"/>",
                "<iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example\"/>",
                "<?xml-stylesheet href=\"https://evil.example/x.xsl\"?><rect width=\"1\" height=\"1\"/>"
            })
    void nothingThatRunsOrFetchesSurvives(String hostile) {
        String out = clean(svg(hostile)).toLowerCase(java.util.Locale.ROOT);

        assertThat(out)
                .doesNotContain("<script", "alert", "evil.example", "javascript:", "foreignobject", "<image")
                .doesNotContain("onclick", "onmouseover", "onload", "<style", "<iframe", "<animate", "<set", "data:");
        assertThat(out).startsWith("<?xml").contains("<svg");
    }

    @Test
    void anEventHandlerOnTheRootIsDropped() {
        String out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><g/></svg>");

        assertThat(out).doesNotContain("onload", "alert").contains("<svg");
    }

    @Test
    void aDoctypeOrAnEntityIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>";

        assertThatThrownBy(() -> clean(xxe)).isInstanceOf(InvalidUpload.class);
    }

    @Test
    void somethingElseThanAnSvgIsRefused() {
        assertThatThrownBy(() -> clean("<html><body>hi</body></html>"))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("not an SVG");
        assertThatThrownBy(() -> clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("well-formed");
    }

    @Test
    void whatComesOutIsAlreadyClean() {
        String once = clean(svg("<script>x</script><g onload=\"y\"><circle r=\"1\"/></g>"));

        assertThat(clean(once)).isEqualTo(once);
    }
}
