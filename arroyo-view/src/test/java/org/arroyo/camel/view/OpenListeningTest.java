package org.arroyo.camel.view;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A view told to listen beyond loopback says so in the log, as a warning naming the address. */
class OpenListeningTest {

    @Test
    void aViewOnAllAddressesWarnsThatAnyoneCanWatch() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel() == Level.WARN) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        Logger log = (Logger) LogManager.getLogger(ViewEndpoint.class);
        log.addAppender(capture);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:stream").to("arroyo-view:open?host=0.0.0.0&port=" + port);
                }
            });
            camel.start();
            assertThat(warnings).containsExactly("arroyo-view open: listening on 0.0.0.0, not on a loopback address: anyone who "
                    + "reaches this machine can watch the stream at http://0.0.0.0:" + port + "/arroyo-view/open/");
        } finally {
            camel.stop();
            log.removeAppender(capture);
        }
    }
}
