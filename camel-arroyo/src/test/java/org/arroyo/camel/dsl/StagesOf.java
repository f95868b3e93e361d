package org.arroyo.camel.dsl;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.camel.CamelContext;
import org.apache.camel.Channel;
import org.apache.camel.DelegateProcessor;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;

/** The processor of a given type among a route's steps, e.g. the decoupling stage of a pipeline. */
final class StagesOf {

    private StagesOf() {
    }

    static <T> T stage(CamelContext context, String routeId, Class<T> type) {
        Deque<Object> todo = new ArrayDeque<>(context.getRoute(routeId).navigate().next());
        while (!todo.isEmpty()) {
            Object step = todo.pop();
            if (type.isInstance(step)) {
                return type.cast(step);
            }
            if (step instanceof Channel channel) {
                todo.push(channel.getNextProcessor());
            } else if (step instanceof DelegateProcessor delegate) {
                todo.push(delegate.getProcessor());
            } else if (step instanceof Navigate<?> navigate && navigate.hasNext()) {
                navigate.next().forEach(todo::push);
            }
        }
        throw new AssertionError("route " + routeId + " has no " + type.getSimpleName());
    }
}
