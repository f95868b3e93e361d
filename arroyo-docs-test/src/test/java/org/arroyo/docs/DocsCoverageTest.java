package org.arroyo.docs;

import java.util.List;

import org.arroyo.docs.DocsCoverage.NotRun;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.DocsPage.Block;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fenced block of docs/ is run by a test, validated, or listed in {@link DocsCoverage#NOT_RUN} with its
 * reason; a listed block that a test runs, or a listing that no block matches, fails too, so the list cannot go stale.
 */
class DocsCoverageTest {

    private final DocsCoverage coverage = new DocsCoverage();
    private final List<Block> blocks = DocsPage.all().stream().flatMap(page -> page.blocks().stream()).toList();

    @Test
    void everyBlockIsRunValidatedOrListedWithItsReason() {
        assertThat(blocks).as("fenced blocks of docs/").hasSizeGreaterThan(80);

        assertThat(blocks).as("blocks no test runs or validates and %s does not list: run each in a test, or list it with its reason",
                        "DocsCoverage.NOT_RUN")
                .filteredOn(block -> coverage.howTested(block).isEmpty() && DocsCoverage.notRun(block).isEmpty()).isEmpty();
    }

    @Test
    void noListedBlockIsRunAndEachListingMatchesABlock() {
        assertThat(blocks).as("blocks listed as not run that a test runs: take them off the list")
                .filteredOn(block -> DocsCoverage.notRun(block).isPresent() && coverage.howTested(block).isPresent()).isEmpty();
        assertThat(DocsCoverage.NOT_RUN).as("listings no block of docs/ matches")
                .filteredOn(entry -> blocks.stream().noneMatch(entry::covers)).isEmpty();
        assertThat(DocsCoverage.NOT_RUN).extracting(NotRun::reason).doesNotContainNull();
    }
}
