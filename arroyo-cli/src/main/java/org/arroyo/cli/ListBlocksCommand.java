package org.arroyo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.arroyo.camel.dsl.BlocksFile;
import org.arroyo.camel.dsl.OperatorSpec;
import org.arroyo.camel.dsl.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list-blocks", mixinStandardHelpOptions = true,
         description = "Print the blocks of an arroyopy blocks file, one line each, tab-separated: "
                       + "name, operator class (or bean), listeners, publishers (URIs separated by spaces; '-' for none).")
final class ListBlocksCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A blocks file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (PipelineSpec block : BlocksFile.read(file)) {
            out.println(String.join("\t", block.name(), operator(block.operator()), uris(block.listeners()), uris(block.publishers())));
        }
        out.flush();
        return 0;
    }

    /** The operator's class, or the name of its bean; '-' for none. */
    private static String operator(OperatorSpec operator) {
        return operator == null ? "-" : operator.className() != null ? operator.className() : operator.bean();
    }

    private static String uris(List<String> uris) {
        return uris.isEmpty() ? "-" : String.join(" ", uris);
    }
}
