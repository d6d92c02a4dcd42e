package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ContourTracerTest {

    private static final Set<String> ELEMENTS = Set.of("svg", "rect", "path");
    private static final Set<String> ATTRIBUTES =
            Set.of("xmlns", "version", "width", "height", "viewBox", "fill", "fill-rule", "d");

    @Test
    void aPosterBecomesAValidSelfContainedSvgThatLooksLikeIt() throws Exception {
        int w = 512;
        int h = 512;
        int[] poster = EditScenes.poster(w, h);

        String svg = ContourTracer.trace(poster, w, h);

        Document document = SvgRaster.parse(svg);
        assertSafe(document, svg);
        assertThat(document.getDocumentElement().getAttribute("width")).isEqualTo("512");
        assertThat(SvgRaster.elements(document))
                .filteredOn(e -> e.getLocalName().equals("path"))
                .hasSizeGreaterThanOrEqualTo(3);
        int[] drawn = SvgRaster.render(document);
        assertThat(EditScenes.meanError(drawn, poster, null)).isLessThan(4);
        // The curves are real outlines, not one rectangle per pixel.
        assertThat(svg.length()).isLessThan(60_000);
    }

    @Test
    void aPhotoLikeSceneTracesToItsPosterisedLikeness() throws Exception {
        int w = 512;
        int h = 512;
        int[] scene = EditScenes.scene(w, h);

        String svg = ContourTracer.trace(scene, w, h);

        Document document = SvgRaster.parse(svg);
        assertSafe(document, svg);
        assertThat(EditScenes.meanError(SvgRaster.render(document), scene, null))
                .isLessThan(12);
    }

    @Test
    void aBigImageIsTracedSmallerButKeepsItsSize() throws Exception {
        String svg = ContourTracer.trace(EditScenes.poster(1500, 1000), 1500, 1000);

        Element root = SvgRaster.parse(svg).getDocumentElement();
        assertThat(root.getAttribute("width")).isEqualTo("1500");
        assertThat(root.getAttribute("height")).isEqualTo("1000");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 500 333.3333");
    }

    @Test
    void transparentPixelsStayUnpainted() throws Exception {
        int w = 64;
        int h = 64;
        int[] argb = new int[w * h];
        for (int y = 16; y < 48; y++) {
            for (int x = 16; x < 48; x++) {
                argb[y * w + x] = 0xff2060c0;
            }
        }

        Document document = SvgRaster.parse(ContourTracer.trace(argb, w, h));

        assertThat(SvgRaster.elements(document)).noneMatch(e -> e.getLocalName().equals("rect"));
        int[] drawn = SvgRaster.render(document);
        assertThat(drawn[0] >>> 24).isZero();
        assertThat(drawn[32 * w + 32]).isEqualTo(0xff2060c0);
    }

    @Test
    void theSameInputGivesTheSameDocument() {
        int[] scene = EditScenes.scene(200, 160);

        assertThat(ContourTracer.trace(scene, 200, 160)).isEqualTo(ContourTracer.trace(scene.clone(), 200, 160));
    }

    private static void assertSafe(Document document, String svg) {
        Element root = document.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        for (Element e : SvgRaster.elements(document)) {
            assertThat(e.getLocalName()).isIn(ELEMENTS);
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                assertThat(e.getAttributes().item(i).getNodeName()).isIn(ATTRIBUTES);
            }
        }
        String lower = svg.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .doesNotContain("script", "foreignobject", "href", "url(", "javascript", "<!doctype", "<!entity");
        assertThat(lower.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:", "data:");
    }
}
