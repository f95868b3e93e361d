package org.arroyo.cli;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zocalo.go}: asks the dispatcher to run recipes, named (files of its recipe directory) or
 * from a local file (sent as {@code custom_recipe}, validated first), with parameters.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
         description = "Send a processing request to the dispatcher's queue as zocalo.go does: {\"recipes\": [...],"
                 + " \"parameters\": {...}, \"custom_recipe\": ...}; print it.")
final class RecipeSendCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RECIPE", arity = "1..*",
                description = "A recipe name (the dispatcher's <name>.json), or a recipe file (at most one), validated here.")
    List<String> recipes;

    @Option(names = { "-s", "--set" }, paramLabel = "KEY=VALUE", description = "A recipe parameter (a string, as zocalo.go sets it).")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--queue", defaultValue = "processing_recipe", description = "The dispatcher's queue (default ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--dry-run", description = "Check everything and print the request, but send nothing.")
    boolean dryRun;

    @Mixin
    ZocaloBrokerOptions broker;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> request = request();
        broker.out().println(RecipeJson.write(request));
        broker.out().flush();
        if (dryRun) {
            broker.err().println("not sent (--dry-run)");
            return 0;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("zocalo.go.user", System.getProperty("user.name"));
        headers.put("zocalo.go.host", InetAddress.getLocalHost().getHostName());
        broker.withQueues(tools -> {
            tools.send(queue, headers, RecipeJson.write(request).getBytes(StandardCharsets.UTF_8));
            return null;
        });
        broker.err().println("sent to " + queue);
        return 0;
    }

    private Map<String, Object> request() throws Exception {
        List<String> names = new ArrayList<>();
        Object custom = null;
        for (String recipe : recipes) {
            Path file = Path.of(recipe);
            if (!Files.isRegularFile(file)) {
                names.add(recipe);
            } else if (custom != null) {
                throw new IllegalArgumentException("only one recipe file can be sent: " + recipe);
            } else {
                Recipe parsed = Recipe.parse(Files.readString(file));
                parsed.validate();
                custom = parsed.toMap();
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("invalid parameter '" + parameter + "': use KEY=VALUE");
            }
            values.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("recipes", names);
        request.put("parameters", values);
        if (custom != null) {
            request.put("custom_recipe", custom);
        }
        return request;
    }
}
