package org.arroyo.camel.dsl;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.arroyo.camel.operator.Operator;

/**
 * A pipeline's operator as the data forms name it: a bean of the registry ({@code operator: tagger}), or a class
 * made as Camel makes {@code #class:org.example.Tagger('saxs')} beans, from constructor {@code args}, then given its
 * bean properties from {@code kwargs} (arroyopy's keyword arguments; {@code batch_size} sets {@code batchSize}).
 *
 * @param bean      the name of an {@link Operator} bean, or null
 * @param className the operator's class ({@code class} in a blocks file), or null
 * @param args      constructor arguments: texts, numbers, booleans
 * @param kwargs    bean properties
 */
public record OperatorSpec(String bean, @JsonProperty("class") String className, List<Object> args, Map<String, Object> kwargs) {

    /**
     * @throws IllegalArgumentException unless exactly one of bean and class is given, and args and kwargs only with a class
     */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public OperatorSpec {
        if ((bean == null) == (className == null)) {
            throw new IllegalArgumentException("operator needs either a class or the name of a bean");
        }
        // copies that keep nulls and the order written
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        if (bean != null && !(args.isEmpty() && kwargs.isEmpty())) {
            throw new IllegalArgumentException("operator bean " + bean + " is made already; args and kwargs go with a class");
        }
    }

    /** The operator bean of this name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OperatorSpec ofBean(String bean) {
        return new OperatorSpec(bean, null, null, null);
    }

    /**
     * The operator: the bean, or a new instance of the class.
     *
     * @throws IllegalArgumentException saying what is wrong: no such bean, class not found, not an operator, no
     *                                  constructor for the args, the constructor failed, a property that cannot be set
     */
    public Operator create(CamelContext context) {
        if (bean != null) {
            return CamelContextHelper.mandatoryLookup(context, bean, Operator.class);
        }
        Class<?> type;
        try {
            type = context.getClassResolver().resolveMandatoryClass(className);
        } catch (ClassNotFoundException e) {
            // the cause tells a caller that knows how classes get there (arroyo run --classpath) what to add
            throw new IllegalArgumentException("class " + className + " is not on the classpath", e);
        }
        if (!Operator.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + className + " is not an " + Operator.class.getName());
        }
        Operator operator = construct(context, type);
        Map<String, Object> properties = new LinkedHashMap<>();
        kwargs.forEach((name, value) -> properties.put(Names.camelCase(name), value));
        try {
            PropertyBindingSupport.build().withMandatory(true).withIgnoreCase(true).bind(context, operator, properties);
        } catch (PropertyBindingException e) {
            String problem = e.getCause() == null ? "has no property '" + e.getPropertyName() + "'"
                    : "cannot take " + e.getPropertyName() + "=" + e.getValue() + ": " + e.getCause().getMessage();
            throw new IllegalArgumentException(type.getSimpleName() + " " + problem, e);
        }
        return operator;
    }

    /** A new instance from Camel's {@code #class:NAME(args)}: the public constructor whose parameters the args fit. */
    private Operator construct(CamelContext context, Class<?> type) {
        String constructor = "#class:" + type.getName() + (args.isEmpty() ? "" : "(" + camelArguments() + ")");
        try {
            return (Operator) PropertyBindingSupport.resolveBean(context, constructor);
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvocationTargetException failed) {
                    Throwable target = failed.getTargetException();
                    throw new IllegalArgumentException(type.getSimpleName() + args + " failed: " + target.getMessage(), target);
                }
            }
            // no constructor fits: Camel finds none (IllegalStateException) or none without parameters (NoSuchMethodException)
            throw new IllegalArgumentException(type.getSimpleName() + " has no public constructor taking " + args.size()
                    + " argument" + (args.size() == 1 ? "" : "s") + (args.isEmpty() ? "" : " " + args), e);
        }
    }

    /** The args as Camel's bean syntax writes constructor parameters: texts quoted, numbers and booleans as they are. */
    private String camelArguments() {
        StringJoiner joined = new StringJoiner(", ");
        for (Object arg : args) {
            if (arg == null || arg instanceof Number || arg instanceof Boolean) {
                joined.add(String.valueOf(arg));
            } else if (arg instanceof String text && !(text.contains("\"") && text.contains("'"))) {
                String quote = text.contains("\"") ? "'" : "\"";
                joined.add(quote + text + quote);
            } else {
                throw new IllegalArgumentException("operator args must be texts, numbers or booleans (a text not with both"
                        + " quote characters), not " + (arg instanceof Map ? "a mapping" : arg instanceof List ? "a list" : "'" + arg + "'"));
            }
        }
        return joined.toString();
    }
}
