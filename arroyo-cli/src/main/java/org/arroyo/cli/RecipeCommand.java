package org.arroyo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Zocalo recipes, judged and applied as python-workflows does. */
@Command(name = "recipe", mixinStandardHelpOptions = true, description = "Validate, apply or send Zocalo recipes.",
         subcommands = { RecipeCommand.Validate.class, RecipeCommand.Apply.class, RecipeSendCommand.class })
final class RecipeCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
             description = "Print the verdict as JSON: {\"valid\": true} or {\"valid\": false, \"error\": ...}; exit 1 when invalid.")
    static final class Validate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "A recipe JSON file.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RecipeVerdict verdict = Recipe.check(read(file));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("valid", verdict.valid());
            if (!verdict.valid()) {
                line.put("error", verdict.error());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(RecipeJson.write(line));
            out.flush();
            return verdict.valid() ? 0 : 1;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
             description = "Print the recipe with parameters applied ({name}, {name[key]}, {$REPLACE:name}), as JSON.")
    static final class Apply implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "A recipe JSON file.")
        Path file;

        @Option(names = "--parameters", required = true, paramLabel = "JSON", description = "The parameters, a JSON object.")
        String parameters;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String applied = Recipe.parse(read(file))
                    .applyParameters(RecipeJson.parseObject(parameters, "--parameters"))
                    .toPrettyJson();
            PrintWriter out = spec.commandLine().getOut();
            out.println(applied);
            out.flush();
            return 0;
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        }
    }
}
