package org.arroyo.camel.dsl;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Makes every CamelContext with camel-arroyo on its classpath refuse routes that would lose the output of
 * the Arroyo Kamelets (kamelets/arroyo-*.kamelet.yaml), see {@link KameletStepCheck}, and give the routes that use them
 * the pipelines' default dead letters, see {@link KameletDeadLetters}. Routes without an Arroyo Kamelet are left alone.
 */
public class ArroyoKameletsPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext camelContext) {
        camelContext.addLifecycleStrategy(new KameletStepCheck());
        camelContext.addLifecycleStrategy(KameletDeadLetters.installer());
    }
}
