package io.github.xenpv.model;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Configuration XML as the Maven layer hands it to the model: trimmed text, {@code null} where there is none. */
final class XmlElements {

    private XmlElements() {
    }

    static ConfigElement parse(String xml) {
        try {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            return of(root);
        } catch (Exception e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    private static ConfigElement of(Element element) {
        List<ConfigElement> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(of(child));
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        String trimmed = text.toString().strip();
        return new ConfigElement(element.getTagName(), trimmed.isEmpty() ? null : trimmed, children);
    }
}
