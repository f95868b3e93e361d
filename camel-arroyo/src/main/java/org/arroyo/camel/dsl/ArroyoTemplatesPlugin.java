package org.arroyo.camel.dsl;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Binds {@link ArroyoTemplates} in the registry of every CamelContext with camel-arroyo on its
 * classpath, as bean {@value #BEAN_NAME}: Camel Main (and so {@code arroyo run} and Camel JBang) adds
 * route builders it finds in the registry before the XML and YAML templated routes that use them.
 */
public class ArroyoTemplatesPlugin implements ContextServicePlugin {

    public static final String BEAN_NAME = "arroyoTemplates";

    @Override
    public void load(CamelContext camelContext) {
        camelContext.getRegistry().bind(BEAN_NAME, new ArroyoTemplates());
    }
}
