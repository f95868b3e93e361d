package org.arroyo.camel.zocalo;

/**
 * The work of one Zocalo service: read the step (payload, parameters, environment) and send
 * results on with {@link RecipeStep#send}, {@link RecipeStep#sendTo}, {@link RecipeStep#checkpoint}.
 * Throwing sends the input to the step's {@code error} destination when the recipe has one.
 */
@FunctionalInterface
public interface RecipeOperator {

    void process(RecipeStep step) throws Exception;
}
