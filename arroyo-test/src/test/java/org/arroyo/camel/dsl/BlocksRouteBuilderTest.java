package org.arroyo.camel.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.test.Tagger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** arroyopy blocks files: what they build, and the one-line errors for what they get wrong. */
class BlocksRouteBuilderTest {

    private final CamelContext context = new DefaultCamelContext();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        context.stop();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("blocks.yaml"), yaml);
    }

    @Test
    void severalListenersFeedOneOperatorSetUpFromArgsSnakeCaseKwargsAndPlaceholders() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("label", "merged");
        properties.setProperty("out", "mock:out");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new BlocksRouteBuilder(write("""
                blocks:
                  - name: merge
                    operator:
                      class: org.arroyo.test.Tagger
                      args: ["{{label}}"]
                      kwargs:
                        first_copy: 7
                    listeners: [direct:one, direct:two]
                    publishers: ["{{out}}"]
                """)));
        context.start();
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedMessageCount(2);

        ProducerTemplate template = context.createProducerTemplate();
        template.sendBody("direct:one", Event.of(Map.of("n", 1)));
        template.sendBody("direct:two", Event.of(Map.of("n", 2)));

        out.assertIsSatisfied();
        assertThat(out.getReceivedExchanges()).map(exchange -> exchange.getMessage().getBody(Event.class).metadata())
                .containsExactlyInAnyOrder(Map.of("n", 1L, "label", "merged", "copy", 7L),
                        Map.of("n", 2L, "label", "merged", "copy", 7L));
        assertThat(context.getRoutes()).map(route -> route.getRouteId())
                .containsExactlyInAnyOrder("merge", "merge-listener-1", "merge-listener-2");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "blocks: [\\n  - name: x\\n"                                  | not valid YAML: 
            "pipelines: []"                                               | expected a top-level 'blocks' list
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\nlogging: debug" | unknown key 'logging' at the top (expected blocks)
            "blocks:\\n  - nme: saxs\\n    listeners: [direct:in]" | block 1: unknown key 'nme' (expected name, description, listeners, frames, operator, stages, decouple, batch, partition, publishers, format)
            "blocks:\\n  - listeners: [direct:in]" | block 1: a pipeline needs a name
            "blocks:\\n  - name: saxs\\n    operator: {klass: org.example.FrameMeanMax}\\n    listeners: [direct:in]" | block 'saxs': unknown key 'klass' in operator (expected bean, class, args, kwargs)
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    stages: [decouple]\\n    decouple: {thread: 2}" | block 'saxs': unknown key 'thread' in decouple (expected queueSize, threads)
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    partition: {by: key, field: n, output: [direct:a]}" | block 'saxs': unknown key 'output' in partition (expected by, field, outputs)
            "blocks:\\n  - name: saxs\\n    operator: {args: [x]}\\n    listeners: [direct:in]" | block 'saxs': operator needs either a class or the name of a bean
            "blocks:\\n  - name: saxs\\n    operator: {class: org.example.Missing}\\n    listeners: [direct:in]" | block 'saxs': class org.example.Missing is not on the classpath
            "blocks:\\n  - name: saxs\\n    operator: {class: java.lang.StringBuilder}\\n    listeners: [direct:in]" | block 'saxs': class java.lang.StringBuilder is not an org.arroyo.camel.operator.Operator
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}" | block 'saxs': needs at least one listener (a Camel endpoint URI under 'listeners')
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listener: direct:in" | block 'saxs': unknown key 'listener' (expected name, description, listeners, frames, operator, stages, decouple, batch, partition, publishers, format)
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners:\\n      - class: arroyopy.zmq.ZMQListener" | block 'saxs': listeners entry 1 must be a Camel endpoint URI such as zeromq:SUB:tcp://127.0.0.1:5555, not a mapping
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger}\\n    listeners: [direct:in]" | block 'saxs': Tagger has no public constructor taking 0 arguments
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x], kwargs: {copys: 2}}\\n    listeners: [direct:in]" | block 'saxs': Tagger has no property 'copys'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x], kwargs: {copies: many}}\\n    listeners: [direct:in]" | block 'saxs': Tagger cannot take copies=many: 
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [y]}\\n    listeners: [direct:b]" | two blocks are named 'saxs'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: ['{{missing}}']}\\n    listeners: [direct:in]" | block 'saxs': Property with key [missing] not found
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    stages: [operator, batch]\\n    batch: {max_size: -3}" | block 'saxs': batch maxSize must be a whole number of at least 1, not '-3'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    stages: [operator, batch]\\n    batch: {max_size: 3, max_age: soon}" | block 'saxs': batch maxAge must be a positive duration such as 500ms, 2s or 1500 (milliseconds), not 'soon'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    stages: [operator, batch]\\n    batch: {max_sise: 3}" | block 'saxs': unknown key 'max_sise' in batch (expected max_size, max_age, max_idle)
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    frames: {count_feild: n}" | block 'saxs': unknown key 'count_feild' in frames (expected field, count_field)
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    stages: [operator, shuffle]" | block 'saxs': stages entry 2 must be one of decouple, operator, batch, unbatch, not 'shuffle'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    batch: {max_size: 3}" | block 'saxs': batch settings are given but 'batch' is not in the stages [operator]
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    stages: [batch]\\n    batch: {max_size: 3}" | block 'saxs': an operator is given but 'operator' is not in the stages [batch]
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    partition: {by: key, field: run_id}" | block 'saxs': partition needs by, field, outputs; outputs is missing
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    partition: {by: modulo, field: n, outputs: [direct:a]}" | block 'saxs': partition by must be one of choice, key, not 'modulo'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [x]}\\n    listeners: [direct:in]\\n    publishers: [direct:p]\\n    partition: {by: key, field: n, outputs: [direct:a]}" | block 'saxs': ends either in publishers or in a partition, not both
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    format: xml" | block 'saxs': format must be one of msgpack, json, json+raw, multipart, raw, lhhttt, not 'xml'
            "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    stages: [decouple]\\n    decouple: {threads: many}" | block 'saxs': decouple threads must be a whole number, not 'many'
            "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [[1, 2]]}\\n    listeners: [direct:in]" | block 'saxs': operator args must be texts, numbers or booleans
            """)
    void aBadBlocksFileIsOneLineNamingTheFileAndTheProblem(String yaml, String problem) throws IOException {
        Path file = write(yaml.replace("\\n", "\n"));

        Throwable thrown = catchThrowable(() -> context.addRoutes(new BlocksRouteBuilder(file)));

        assertThat(thrown).isInstanceOf(BlocksFileException.class);
        assertThat(thrown.getMessage()).startsWith(file + ": " + problem).doesNotContain("\n");
    }

    @Test
    void listsTheBlocksAsWrittenWithoutLoadingClasses() throws IOException {
        Path file = write("""
                blocks:
                  - name: reduce
                    description: azimuthal integration
                    operator:
                      class: org.example.NotOnTheClasspath
                    listeners: ["{{detector}}"]
                    publishers: [kafka:reduced, "file:out"]
                """);

        assertThat(BlocksFile.isBlocksFile(file)).isTrue();
        assertThat(BlocksFile.read(file)).containsExactly(new PipelineSpec("reduce", "azimuthal integration", List.of("{{detector}}"), null,
                new OperatorSpec(null, "org.example.NotOnTheClasspath", List.of(), Map.of()), List.of(StageName.OPERATOR),
                null, null, null, List.of("kafka:reduced", "file:out"), PipelineFormat.MSGPACK));
    }

    @Test
    void anEmptyFramesMappingChecksFramesWithTheDefaults() throws Exception {
        Path file = write("""
                blocks:
                  - name: saxs
                    listeners: [direct:in]
                    frames: {}
                """);

        assertThat(BlocksFile.read(file)).extracting(PipelineSpec::frames).containsExactly(FrameChecking.DEFAULTS);
    }
}
