package org.arroyo.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code arroyo} command line. */
@Command(name = "arroyo", mixinStandardHelpOptions = true, versionProvider = ArroyoCli.Version.class,
         description = "Arroyo stream-processing tools for scientific user facilities.",
         subcommands = { RunCommand.class, ValidateCommand.class, ListBlocksCommand.class, TapCommand.class,
                         DecodeCommand.class, RecodeCommand.class, RecipeCommand.class, DlqCommand.class,
                         QueueCommand.class, StreamPyCommand.class })
public final class ArroyoCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code: 0 done, 1 bad input, 2 bad usage. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ArroyoCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("arroyo: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ArroyoCli.class.getPackage().getImplementationVersion();
            return new String[] { "arroyo " + (version == null ? "(development build)" : version) };
        }
    }
}
