package me.minav3.adapters.r2;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import me.minav3.mma.assets.SvgSanitizer;
import me.minav3.mma.error.InvalidUpload;

/**
 * The {@link SvgSanitizer} on the JDK's StAX parser with DTDs and external entities off: reads the document once
 * and writes a new one holding only allow-listed SVG elements (in the SVG namespace) and attributes. A dropped
 * element is dropped with everything inside it.
 */
final class StaxSvgSanitizer implements SvgSanitizer {

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    private static final Set<String> ELEMENTS = Set.of(
            "svg",
            "g",
            "path",
            "rect",
            "circle",
            "ellipse",
            "line",
            "polyline",
            "polygon",
            "defs",
            "linearGradient",
            "radialGradient",
            "stop",
            "clipPath",
            "mask",
            "symbol",
            "use",
            "title",
            "desc",
            "text",
            "tspan");

    private static final Set<String> ATTRIBUTES = Set.of(
            "id",
            "class",
            "width",
            "height",
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "cx",
            "cy",
            "r",
            "rx",
            "ry",
            "d",
            "points",
            "viewBox",
            "preserveAspectRatio",
            "transform",
            "fill",
            "fill-opacity",
            "fill-rule",
            "stroke",
            "stroke-width",
            "stroke-opacity",
            "stroke-linecap",
            "stroke-linejoin",
            "stroke-miterlimit",
            "stroke-dasharray",
            "stroke-dashoffset",
            "opacity",
            "clip-path",
            "clip-rule",
            "mask",
            "offset",
            "stop-color",
            "stop-opacity",
            "gradientUnits",
            "gradientTransform",
            "spreadMethod",
            "fx",
            "fy",
            "clipPathUnits",
            "maskUnits",
            "maskContentUnits",
            "shape-rendering",
            "visibility",
            "display",
            "font-family",
            "font-size",
            "font-weight",
            "font-style",
            "text-anchor",
            "dominant-baseline",
            "letter-spacing",
            "href",
            "version",
            "style");

    /** A {@code url(…)} pointing anywhere but {@code #id} inside this document. */
    private static final Pattern FOREIGN_URL =
            Pattern.compile("url\\s*\\(\\s*['\"]?\\s*(?!#)", Pattern.CASE_INSENSITIVE);

    private static final Pattern DANGEROUS = Pattern.compile(
            "javascript:|vbscript:|data:|expression\\s*\\(|@import|behavior\\s*:|-moz-binding",
            Pattern.CASE_INSENSITIVE);

    @Override
    public byte[] sanitize(byte[] svg) {
        if (svg.length > MAX_BYTES) {
            throw new InvalidUpload("the SVG is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        try {
            XMLStreamReader in = inputs().createXMLStreamReader(new ByteArrayInputStream(svg));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(svg.length);
            // The JDK's own StAX (not whichever one the classpath brings): its writer is only flushed, never closed,
            // so a refusal inside copy() is what the caller sees, not a complaint about an unfinished document.
            XMLStreamWriter out = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            try {
                copy(in, out);
                out.flush();
            } finally {
                in.close();
            }
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new InvalidUpload("the SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory inputs() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private static void copy(XMLStreamReader in, XMLStreamWriter out) throws XMLStreamException {
        out.writeStartDocument("UTF-8", "1.0");
        int depth = 0;
        int skipping = 0; // > 0 while inside a dropped element
        boolean rootSeen = false;
        while (in.hasNext()) {
            int event = in.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new InvalidUpload("an SVG with a DOCTYPE is not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new InvalidUpload("an SVG with entity references is not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!rootSeen) {
                        rootSeen = true;
                        if (!"svg".equals(in.getLocalName()) || !SVG_NS.equals(in.getNamespaceURI())) {
                            throw new InvalidUpload("the document is not an SVG (its root is <" + in.getLocalName()
                                    + "> in " + in.getNamespaceURI() + ")");
                        }
                    }
                    if (skipping > 0 || !allowed(in)) {
                        skipping++;
                        continue;
                    }
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidUpload("the SVG nests deeper than " + MAX_DEPTH + " elements");
                    }
                    writeStart(in, out, depth == 1);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (skipping > 0) {
                        skipping--;
                    } else {
                        depth--;
                        out.writeEndElement();
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    if (skipping == 0 && depth > 0) {
                        out.writeCharacters(in.getText());
                    }
                }
                default -> {
                    // comments and processing instructions are dropped
                }
            }
        }
        if (!rootSeen) {
            throw new InvalidUpload("the document is empty");
        }
        out.writeEndDocument();
    }

    private static boolean allowed(XMLStreamReader in) {
        return SVG_NS.equals(in.getNamespaceURI()) && ELEMENTS.contains(in.getLocalName());
    }

    private static void writeStart(XMLStreamReader in, XMLStreamWriter out, boolean root) throws XMLStreamException {
        out.writeStartElement("", in.getLocalName(), SVG_NS);
        if (root) {
            out.writeDefaultNamespace(SVG_NS);
            out.writeNamespace("xlink", XLINK_NS);
        }
        for (int i = 0; i < in.getAttributeCount(); i++) {
            String ns = in.getAttributeNamespace(i);
            String name = in.getAttributeLocalName(i);
            String value = in.getAttributeValue(i);
            boolean plain = ns == null || ns.isEmpty();
            boolean xlinkHref = XLINK_NS.equals(ns) && name.equals("href");
            if (!(plain || xlinkHref) || !safe(name, value)) {
                continue;
            }
            if (xlinkHref) {
                out.writeAttribute("xlink", XLINK_NS, "href", value);
            } else {
                out.writeAttribute(name, value);
            }
        }
    }

    private static boolean safe(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("on") || !ATTRIBUTES.contains(name)) {
            return false;
        }
        if (lower.equals("href")) {
            return value.strip().startsWith("#");
        }
        return !FOREIGN_URL.matcher(value).find() && !DANGEROUS.matcher(value).find();
    }
}
