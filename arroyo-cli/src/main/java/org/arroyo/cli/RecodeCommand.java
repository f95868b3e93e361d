package org.arroyo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.cli.Convention.Decoded;
import org.arroyo.cli.Convention.NamedFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "recode", mixinStandardHelpOptions = true,
         description = "Decode and re-encode each message, writing each frame under its file's name in the output directory.")
final class RecodeCommand implements Callable<Integer> {

    @Mixin
    FilesArgument input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the re-encoded files.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Convention convention = input.convention();
        List<NamedFrame> files = input.read();
        Files.createDirectories(out);
        int written = 0;
        if (convention == Convention.LHHTTT) {
            for (NamedFrame file : files) {
                write(file.name(), concatenated(Convention.texts(file)));
                written++;
            }
        } else {
            for (Decoded decoded : convention.decode(files)) {
                List<byte[]> frames = convention.encode(decoded);
                if (frames.size() != decoded.sources().size()) {
                    throw new IllegalArgumentException(decoded.sources().get(0).name() + ": re-encodes to " + frames.size()
                            + " frames from " + decoded.sources().size() + " files");
                }
                for (int i = 0; i < frames.size(); i++) {
                    write(decoded.sources().get(i).name(), frames.get(i));
                    written++;
                }
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("arroyo: wrote " + written + " file" + (written == 1 ? "" : "s") + " to " + out);
        return 0;
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(out.resolve(name), bytes);
    }

    private static byte[] concatenated(List<String> texts) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        texts.forEach(text -> bytes.writeBytes(Lhhttt.encode(text)));
        return bytes.toByteArray();
    }
}
