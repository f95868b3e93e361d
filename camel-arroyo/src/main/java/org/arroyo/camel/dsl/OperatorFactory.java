package org.arroyo.camel.dsl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.ObjectHelper;
import org.arroyo.camel.operator.Operator;

/**
 * Makes an {@link Operator} as a blocks file describes it: the class by name, the public constructor
 * whose parameters take {@code args} (converted by Camel's type converters, exact types preferred), then
 * {@code kwargs} set as bean properties by Camel's {@link PropertyBindingSupport}; arroyopy's
 * snake_case names ({@code batch_size}) set Java properties ({@code batchSize}).
 */
final class OperatorFactory {

    private final CamelContext context;

    OperatorFactory(CamelContext context) {
        this.context = context;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong: class not found, not an operator, no matching
     *                                  constructor, the constructor failed, a property that cannot be set
     */
    Operator create(String className, List<Object> args, Map<String, Object> kwargs) {
        Class<?> type = context.getClassResolver().resolveClass(className);
        if (type == null) {
            throw new IllegalArgumentException("class " + className + " is not on the classpath");
        }
        if (!Operator.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + className + " is not an " + Operator.class.getName());
        }
        Operator operator = construct(type, args);
        Map<String, Object> properties = new LinkedHashMap<>();
        kwargs.forEach((name, value) -> properties.put(camelCase(name), value));
        try {
            PropertyBindingSupport.build().withMandatory(true).withIgnoreCase(true).bind(context, operator, properties);
        } catch (PropertyBindingException e) {
            String problem = e.getCause() == null ? "has no property '" + e.getPropertyName() + "'"
                    : "cannot take " + e.getPropertyName() + "=" + e.getValue() + ": " + e.getCause().getMessage();
            throw new IllegalArgumentException(type.getSimpleName() + " " + problem, e);
        }
        return operator;
    }

    /** A constructor the arguments fit, and how many of them fit without conversion. */
    private record Fit(Constructor<?> constructor, Object[] values, int exact) {
    }

    private Operator construct(Class<?> type, List<Object> args) {
        List<Fit> fits = new ArrayList<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            Object[] values = convert(constructor.getParameterTypes(), args);
            if (values != null) {
                fits.add(new Fit(constructor, values, exactMatches(constructor.getParameterTypes(), args)));
            }
        }
        if (fits.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no public constructor taking " + args.size()
                    + " argument" + (args.size() == 1 ? "" : "s") + (args.isEmpty() ? "" : " " + args));
        }
        int mostExact = fits.stream().mapToInt(Fit::exact).max().getAsInt();
        List<Fit> best = fits.stream().filter(fit -> fit.exact() == mostExact).toList();
        if (best.size() > 1) {
            throw new IllegalArgumentException(type.getSimpleName() + " has several public constructors that take " + args
                    + "; give args of the exact types");
        }
        try {
            return (Operator) best.get(0).constructor().newInstance(best.get(0).values());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getSimpleName() + args + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The arguments converted to the parameter types, or null when they do not fit. */
    private Object[] convert(Class<?>[] types, List<Object> args) {
        if (types.length != args.size()) {
            return null;
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object arg = args.get(i);
            if (arg == null) {
                if (types[i].isPrimitive()) {
                    return null;
                }
                continue;
            }
            values[i] = context.getTypeConverter().tryConvertTo(ObjectHelper.convertPrimitiveTypeToWrapperType(types[i]), arg);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    private static int exactMatches(Class<?>[] types, List<Object> args) {
        int exact = 0;
        for (int i = 0; i < types.length; i++) {
            if (args.get(i) != null && ObjectHelper.convertPrimitiveTypeToWrapperType(types[i]).isInstance(args.get(i))) {
                exact++;
            }
        }
        return exact;
    }

    /** {@code batch_size} -> {@code batchSize}; other names as they are. */
    static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_' && camel.length() > 0) {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
