package org.arroyo.camel.redisstream;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The options of one {@code redis-stream} endpoint. */
@UriParams
public class RedisStreamConfiguration implements Cloneable {

    @UriPath(description = "The key of the stream")
    @Metadata(required = true)
    private String key;
    @UriParam(defaultValue = "localhost", description = "The Redis host (when no connectionFactory is given)")
    private String host = "localhost";
    @UriParam(defaultValue = "6379", description = "The Redis port (when no connectionFactory is given)")
    private int port = 6379;
    @UriParam(label = "advanced", description = "A Spring Data Redis connection factory to use instead of host and port")
    private RedisConnectionFactory connectionFactory;
    @UriParam(defaultValue = "data", description = "The field of a stream entry that holds the message bytes")
    private String field = "data";
    @UriParam(description = "Message headers carried in stream entries, by name, separated by commas: the producer adds each"
                            + " one the message has, as text, as a field of that name next to the message's field; the consumer"
                            + " sets each one the entry has as a header (text). E.g. traceparent,tracestate to carry a trace"
                            + " context from one process to the next.")
    private String headers;
    @UriParam(label = "consumer", description = "The consumer group the consumer reads in (created when missing)")
    private String group;
    @UriParam(label = "consumer", description = "The name of this consumer in its group; defaults to the host name."
                                                + " Entries it read but did not acknowledge are read again, by this name, when it starts next")
    private String consumerName;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "Where a group created by the consumer starts: 0 (the whole stream) or $ (entries added from now on)")
    private String groupStart = "0";
    @UriParam(label = "consumer", defaultValue = "10", description = "The most entries one read returns")
    private int batchSize = 10;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "How long one read waits for new entries; also how soon the consumer stops")
    private long blockTimeout = 1000;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Trims the stream to about this many entries when adding one (0: no trimming)")
    private long maxLength;

    public RedisStreamConfiguration copy() {
        try {
            return (RedisStreamConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public RedisConnectionFactory getConnectionFactory() {
        return connectionFactory;
    }

    public void setConnectionFactory(RedisConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumerName() {
        return consumerName;
    }

    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public String getGroupStart() {
        return groupStart;
    }

    public void setGroupStart(String groupStart) {
        this.groupStart = groupStart;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBlockTimeout() {
        return blockTimeout;
    }

    public void setBlockTimeout(long blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public long getMaxLength() {
        return maxLength;
    }

    public void setMaxLength(long maxLength) {
        this.maxLength = maxLength;
    }
}
