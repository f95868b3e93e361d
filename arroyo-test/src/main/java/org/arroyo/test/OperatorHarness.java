package org.arroyo.test;

import java.util.ArrayList;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;

/**
 * Feeds messages to an {@link Operator} as a pipeline does, without a broker or a CamelContext:
 * {@link Operator#apply} for each message in order, the outputs of each in the order it returned them.
 *
 * <pre>{@code
 * Published published = OperatorHarness.feed(new FrameStatistics(), run);
 * assertThat(published.events()).hasSize(2);
 * assertThat(published.stop().data()).containsEntry("frames", 2L);
 * }</pre>
 *
 * Feed the same operator instance again to see what it keeps from one run to the next.
 */
public final class OperatorHarness {

    private OperatorHarness() {
    }

    /**
     * What the pipeline would publish for {@code messages}.
     *
     * @throws AssertionError when the operator throws; its message names the input (index from 0,
     *         type and content), its cause is the operator's exception
     */
    public static Published feed(Operator operator, List<? extends ArroyoMessage> messages) {
        List<ArroyoMessage> outputs = new ArrayList<>();
        for (int index = 0; index < messages.size(); index++) {
            ArroyoMessage input = messages.get(index);
            List<? extends ArroyoMessage> output;
            try {
                output = operator.apply(input);
            } catch (Exception e) {
                throw new AssertionError(describe(operator, input) + " failed on message " + index + " of "
                        + messages.size() + " (" + input.type().wireName() + "): " + input + ": " + e, e);
            }
            // as in the pipeline, null publishes nothing
            if (output != null) {
                outputs.addAll(output);
            }
        }
        return new Published(outputs);
    }

    /** {@code FrameStatistics.onEvent}: the operator and the method the input went to. */
    private static String describe(Operator operator, ArroyoMessage input) {
        String name = operator.getClass().getSimpleName().isEmpty() ? operator.getClass().getName()
                : operator.getClass().getSimpleName();
        String method = switch (input.type()) {
            case START -> "onStart";
            case EVENT -> "onEvent";
            case STOP -> "onStop";
        };
        return name + "." + method;
    }

    /** The messages an operator returned, in the order the pipeline would publish them. */
    public record Published(List<ArroyoMessage> all) {

        public Published {
            all = List.copyOf(all);
        }

        /** The type of each message, e.g. to check the shape {@code [START, EVENT, EVENT, STOP]}. */
        public List<MessageType> types() {
            return all.stream().map(ArroyoMessage::type).toList();
        }

        public List<Event> events() {
            return all.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
        }

        /** The one start published; fails when there is none or more than one. */
        public Start start() {
            return only(Start.class, MessageType.START);
        }

        /** The one stop published; fails when there is none or more than one. */
        public Stop stop() {
            return only(Stop.class, MessageType.STOP);
        }

        private <T extends ArroyoMessage> T only(Class<T> kind, MessageType type) {
            List<T> found = all.stream().filter(kind::isInstance).map(kind::cast).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.wireName() + " among the published messages, found "
                        + found.size() + ": " + types());
            }
            return found.get(0);
        }
    }
}
