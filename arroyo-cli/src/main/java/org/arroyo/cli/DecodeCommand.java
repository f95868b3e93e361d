package org.arroyo.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.arroyo.cli.Convention.Decoded;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "decode", mixinStandardHelpOptions = true,
         description = "Print one JSON line per message: type, fields and array (dtype, shape, byteorder, nbytes, sha256); "
                       + "{\"text\": ...} per LHHTTT frame.")
final class DecodeCommand implements Callable<Integer> {

    @Mixin
    FilesArgument input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Convention convention = input.convention();
        PrintWriter out = spec.commandLine().getOut();
        for (Decoded decoded : convention.decode(input.read())) {
            out.println(decoded.text() != null ? MessageJson.textLine(decoded.text()) : MessageJson.line(decoded.message()));
        }
        out.flush();
        return 0;
    }
}
