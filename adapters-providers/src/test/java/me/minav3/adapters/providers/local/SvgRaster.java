package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test helper: parses an SVG document with a hardened DOM parser (no DTD, no external entities) and fills its
 * {@code rect} and {@code path} elements (M, L, Q, Z commands; even-odd or non-zero) with Java2D, so a trace can
 * be compared with its source pixel by pixel. The Chromium rendering is i23-page's end-to-end test.
 */
final class SvgRaster {

    private static final Pattern TOKEN = Pattern.compile("[MLQZ]|-?\\d+(?:\\.\\d+)?");

    private SvgRaster() {}

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every element of the document, depth first. */
    static List<Element> elements(Document document) {
        List<Element> out = new ArrayList<>();
        collect(document.getDocumentElement(), out);
        return out;
    }

    private static void collect(Element element, List<Element> out) {
        out.add(element);
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e) {
                collect(e, out);
            }
        }
    }

    /** The document drawn at its width×height (viewBox scaled), on a transparent canvas, as packed ARGB. */
    static int[] render(Document document) {
        Element svg = document.getDocumentElement();
        int width = Integer.parseInt(svg.getAttribute("width"));
        int height = Integer.parseInt(svg.getAttribute("height"));
        List<String> box = List.of(svg.getAttribute("viewBox").trim().split(" ", -1));
        double sx = width / Double.parseDouble(box.get(2));
        double sy = height / Double.parseDouble(box.get(3));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(sx, sy);
        for (Element e : elements(document)) {
            switch (e.getLocalName()) {
                case "rect" -> {
                    g.setColor(Color.decode(e.getAttribute("fill")));
                    g.fill(new java.awt.geom.Rectangle2D.Double(
                            0,
                            0,
                            Double.parseDouble(e.getAttribute("width")),
                            Double.parseDouble(e.getAttribute("height"))));
                }
                case "path" -> {
                    g.setColor(Color.decode(e.getAttribute("fill")));
                    g.fill(path(e.getAttribute("d"), "evenodd".equals(e.getAttribute("fill-rule"))));
                }
                default -> {}
            }
        }
        g.dispose();
        return image.getRGB(0, 0, width, height, null, 0, width);
    }

    static Path2D path(String d, boolean evenOdd) {
        Path2D.Double path = new Path2D.Double(evenOdd ? Path2D.WIND_EVEN_ODD : Path2D.WIND_NON_ZERO);
        Matcher m = TOKEN.matcher(d);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        int i = 0;
        while (i < tokens.size()) {
            String command = tokens.get(i++);
            switch (command) {
                case "M" -> path.moveTo(num(tokens, i), num(tokens, i + 1));
                case "L" -> path.lineTo(num(tokens, i), num(tokens, i + 1));
                case "Q" -> path.quadTo(num(tokens, i), num(tokens, i + 1), num(tokens, i + 2), num(tokens, i + 3));
                case "Z" -> path.closePath();
                default -> throw new IllegalArgumentException("unexpected path token " + command);
            }
            i += switch (command) {
                case "M", "L" -> 2;
                case "Q" -> 4;
                default -> 0;
            };
        }
        return path;
    }

    private static double num(List<String> tokens, int i) {
        return Double.parseDouble(tokens.get(i));
    }
}
