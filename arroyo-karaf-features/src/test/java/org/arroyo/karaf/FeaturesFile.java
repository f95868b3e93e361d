package org.arroyo.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A Karaf features file as the build wrote it (target/feature/features.xml): its repositories and features. */
record FeaturesFile(Path file, List<String> repositories, Map<String, Feature> features) {

    /** A feature: the features it requires, by name, and the bundle URLs it installs. */
    record Feature(String name, List<String> features, List<String> bundles) {
    }

    static final Path BUILT = Path.of("target", "feature", "features.xml");

    static FeaturesFile read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        List<String> repositories = new ArrayList<>();
        Map<String, Feature> features = new LinkedHashMap<>();
        for (Element child : children(document.getDocumentElement())) {
            if (child.getLocalName().equals("repository")) {
                repositories.add(child.getTextContent().strip());
            } else if (child.getLocalName().equals("feature")) {
                List<String> required = new ArrayList<>();
                List<String> bundles = new ArrayList<>();
                for (Element part : children(child)) {
                    switch (part.getLocalName()) {
                        case "feature" -> required.add(part.getTextContent().strip());
                        case "bundle" -> bundles.add(part.getTextContent().strip());
                        default -> throw new AssertionError("feature " + child.getAttribute("name") + ": unexpected <" + part.getLocalName() + ">");
                    }
                }
                features.put(child.getAttribute("name"), new Feature(child.getAttribute("name"), required, bundles));
            }
        }
        return new FeaturesFile(file, repositories, features);
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
