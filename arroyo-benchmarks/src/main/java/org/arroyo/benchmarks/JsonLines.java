package org.arroyo.benchmarks;

import java.io.PrintStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How the benchmark processes report to the runner: one JSON object per line on standard output (logs go to standard
 * error), so that a source, sink or pipeline written in another language can take part.
 */
final class JsonLines {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE_MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    static synchronized void print(Object report) {
        PrintStream out = System.out;
        try {
            out.println(LINE_MAPPER.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the report as JSON: " + report, e);
        }
        out.flush();
    }
}
