package org.arroyo.camel.dsl;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.ExpressionAdapter;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.OperatorProcessor;
import org.arroyo.camel.operator.Outputs;
import org.arroyo.camel.operator.Publishers;

/**
 * Describes one pipeline: listener → steps → publishers. Steps run in the order written.
 * {@link #publish} ends the description.
 */
public final class PipelineBuilder {

    /** The messages a step produced: each of an operator's several outputs, or the body itself. */
    private static final Expression EACH_OUTPUT = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            Object body = exchange.getMessage().getBody();
            return body instanceof Outputs outputs ? outputs.messages() : Collections.singletonList(body);
        }

        @Override
        public String toString() {
            return "eachOutput";
        }
    };

    private final RouteBuilder routes;
    private final String name;
    private ProcessorDefinition<?> tail;

    PipelineBuilder(RouteBuilder routes, String name) {
        this.routes = routes;
        this.name = Objects.requireNonNull(name, "pipeline name");
    }

    /** The listener: any Camel consumer endpoint URI. */
    public PipelineBuilder listen(String uri) {
        if (tail != null) {
            throw new IllegalStateException("pipeline " + name + " already listens; one listener per pipeline");
        }
        RouteDefinition route = routes.from(uri).routeId(name);
        tail = route;
        return this;
    }

    /** An operator instance. */
    public PipelineBuilder operator(Operator operator) {
        tail = started().process(new OperatorProcessor(operator)).id(name + "-operator");
        return this;
    }

    /** An operator bean from the registry, by name. */
    public PipelineBuilder operator(String beanName) {
        Operator operator = routes.getContext().getRegistry().lookupByNameAndType(beanName, Operator.class);
        if (operator == null) {
            throw new IllegalArgumentException("pipeline " + name + ": no Operator bean named '" + beanName + "'");
        }
        return operator(operator);
    }

    /**
     * The publishers: each message the steps produce goes to every URI (several outputs of an
     * operator one after the other, in order). Publishers can be added and removed at runtime
     * through the returned {@link Publishers}, also bound in the registry as
     * {@code NAME-publishers} and in JMX.
     */
    public Publishers publish(String... uris) {
        Publishers publishers = new Publishers(name, List.of(uris));
        routes.getContext().getRegistry().bind(name + "-publishers", publishers);
        try {
            routes.getContext().addService(publishers);
        } catch (Exception e) {
            throw new IllegalStateException("pipeline " + name + ": cannot register its publishers", e);
        }
        started().split(EACH_OUTPUT).id(name + "-each-output")
                .recipientList(routes.method(publishers, "recipients")).id(name + "-publish")
                .end();
        return publishers;
    }

    private ProcessorDefinition<?> started() {
        if (tail == null) {
            throw new IllegalStateException("pipeline " + name + " needs listen(uri) first");
        }
        return tail;
    }
}
