package org.arroyo.docs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.arroyo.cli.ArroyoCli;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.DocsPage.Block;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML and XML block of docs/ that {@link DocsCoverage#NOT_RUN} does not list, written to a file and checked
 * with {@code arroyo validate} as a user would check it: Camel's YAML and XML route loaders, or the blocks-file
 * loader for a {@code blocks:} file, build its routes and beans and resolve every endpoint in a CamelContext that is
 * not started (the hosts the pages name do not exist here). The classes the pages name (org.example.Tagger, the
 * example's AzimuthalIntegration) are on this module's class path.
 */
class DocsRoutesTest {

    private static final Set<String> ROUTE_LANGUAGES = Set.of("yaml", "xml");
    /** The placeholders the pages' routes use, as loopback addresses. */
    private static final List<String> PLACEHOLDERS = List.of("detector", "reduction", "xps.labview", "xps.reduction",
            "timepix.detector", "timepix.reduction");

    @TempDir
    Path dir;

    /** Whether this test checks the block: a YAML or XML block that is not listed (and that no test takes, see routeBlocks). */
    static boolean validates(Block block) {
        return ROUTE_LANGUAGES.contains(block.language()) && DocsCoverage.notRun(block).isEmpty();
    }

    static Stream<Block> routeBlocks() {
        DocsCoverage coverage = new DocsCoverage();
        return DocsPage.all().stream().flatMap(page -> page.blocks().stream())
                .filter(block -> validates(block) && !coverage.isTakenByATest(block));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeBlocks")
    void arroyoValidateBuildsItsRoutes(Block block) throws Exception {
        Path file = Files.writeString(dir.resolve("snippet." + block.language()), block.text());
        List<String> args = new ArrayList<>(List.of("validate", file.toString()));
        for (int i = 0; i < PLACEHOLDERS.size(); i++) {
            args.addAll(List.of("-D", PLACEHOLDERS.get(i) + "=tcp://127.0.0.1:" + (5550 + i)));
        }
        // the page's tagger bean, for a route that uses it without declaring it again
        args.addAll(List.of("-D", "camel.beans.tagger=#class:org.example.Tagger('saxs')"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = ArroyoCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(exitCode).as("%s: %s", block, err).isZero();
        assertThat(out.toString()).as("%s", block).startsWith(file + ": valid, ");
        boolean beansOnly = block.text().strip().startsWith("- beans:") && !block.text().contains("route");
        assertThat(out.toString().contains(": valid, 0 routes")).as("%s builds no route", block).isEqualTo(beansOnly);
    }
}
