package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A page of the project's {@code docs/}: its name, its text and its fenced blocks, for the tests that run what the
 * pages show. A test takes a block by its fence language and a text it holds ({@link #block}) or its name
 * ({@link #named}), or all of a language ({@link #blocks(String)}) or the files the page shows ({@link #files}); Java
 * blocks are checked to be code of a test source ({@link #javaBlocksNotIn}). The docs coverage test (arroyo-docs-test)
 * finds these calls in the test sources.
 */
public record DocsPage(String name, String text, List<Block> blocks) {

    /**
     * A fenced block: its fence language ("" when the fence names none), its name (what follows the language on the
     * fence line, e.g. a file's path in {@code ```xml pom.xml}; "" when none), the line of its opening fence, its text.
     */
    public record Block(String page, String language, String name, int line, String text) {

        /** Whether this block, white space aside, is a part of the text (a test source file). */
        public boolean isIn(String source) {
            return normalised(source).contains(normalised(text));
        }

        /**
         * Whether each line of this block, white space aside, is a part of the text: the snippet is code there, its route
         * lines in a route builder, say, and the lines that use the routes after the start.
         */
        public boolean linesAreIn(String source) {
            String code = normalised(source);
            return text.lines().filter(line -> !line.isBlank()).allMatch(line -> code.contains(normalised(line)));
        }

        @Override
        public String toString() {
            return "docs/" + page + ":" + line + " (" + (language.isEmpty() ? "no language" : language)
                    + (name.isEmpty() ? "" : " " + name) + ")";
        }

        /** The text with every run of white space as one space: how a snippet is looked for in a source file. */
        private static String normalised(String text) {
            return text.strip().replaceAll("\\s+", " ");
        }
    }

    /** The page docs/{name} of this checkout. */
    public static DocsPage of(String name) {
        return read(docsDirectory().resolve(name));
    }

    /** Every page of docs/, by name. */
    public static List<DocsPage> all() {
        try (Stream<Path> pages = Files.list(docsDirectory())) {
            return pages.filter(page -> page.toString().endsWith(".md")).sorted().map(DocsPage::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root of this checkout: the nearest directory above the working directory that holds docs/README.md. */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/README.md above " + Path.of("").toAbsolutePath());
    }

    private static Path docsDirectory() {
        return projectRoot().resolve("docs");
    }

    /** The blocks of this fence language. */
    public List<Block> blocks(String language) {
        return blocks.stream().filter(block -> block.language().equals(language)).toList();
    }

    /** The one block of this fence language that holds the text; an AssertionError when none or several do. */
    public Block block(String language, String containing) {
        List<Block> matching = blocks(language).stream().filter(block -> block.text().contains(containing)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("docs/" + name + " has " + matching.size() + " " + language + " blocks holding '"
                    + containing + "', not one: " + matching);
        }
        return matching.get(0);
    }

    /** The one block of this fence language and name; an AssertionError when there is none. */
    public Block named(String language, String name) {
        return blocks(language).stream().filter(block -> block.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("docs/" + this.name + " has no " + language + " block named " + name));
    }

    /** The blocks that name a file (a name with a dot, e.g. {@code pom.xml}), by the file's path, in the page's order. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        blocks.stream().filter(block -> block.name().contains(".")).forEach(block -> files.put(block.name(), block.text()));
        return files;
    }

    /** The Java blocks of this page that are not code of the source file (white space aside): none when the file runs them all. */
    public List<Block> javaBlocksNotIn(Path sourceFile) {
        try {
            String source = Files.readString(sourceFile);
            return blocks("java").stream().filter(block -> !block.isIn(source)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DocsPage read(Path file) {
        try {
            String text = Files.readString(file);
            return new DocsPage(file.getFileName().toString(), text, parse(file.getFileName().toString(), text.lines().toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fenced blocks as CommonMark opens and closes them with backticks: a closing fence is at least as long as the opening. */
    static List<Block> parse(String page, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String fence = null;
        String info = null;
        int opening = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (fence == null && trimmed.startsWith("```")) {
                fence = trimmed.substring(0, trimmed.length() - trimmed.replaceFirst("^`+", "").length());
                info = trimmed.substring(fence.length()).strip();
                opening = i + 1;
                text.setLength(0);
            } else if (fence != null && trimmed.startsWith(fence) && trimmed.replace("`", "").isEmpty()) {
                String[] languageAndName = info.split("\\s+", 2);
                blocks.add(new Block(page, languageAndName[0], languageAndName.length > 1 ? languageAndName[1] : "", opening, text.toString()));
                fence = null;
            } else if (fence != null) {
                text.append(line).append('\n');
            }
        }
        if (fence != null) {
            throw new IllegalStateException("docs/" + page + ":" + opening + ": a fence that is never closed");
        }
        return List.copyOf(blocks);
    }
}
