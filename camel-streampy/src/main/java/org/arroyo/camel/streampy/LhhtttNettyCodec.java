package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.bytes.ByteArrayEncoder;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;
import org.apache.camel.component.netty.ShareableChannelHandlerFactory;
import org.arroyo.camel.codec.ArroyoDecodeException;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.codec.LhhtttDecoder;

/**
 * LHHTTT over a TCP stream for camel-netty: the decoder passes on the text of each frame (frames
 * arrive in any chunks); replies leave as the frame bytes they already are. A malformed frame on
 * a node's connection gets an {@code ERROR} reply and the connection is closed (the stream cannot
 * be resynchronised); on a client's it fails the request.
 */
final class LhhtttNettyCodec {

    private LhhtttNettyCodec() {
    }

    /** One decoder per connection. */
    static ChannelHandlerFactory decoder(boolean node) {
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return new FrameDecoder(node);
            }
        };
    }

    static ChannelHandlerFactory encoder() {
        return new ShareableChannelHandlerFactory(new ByteArrayEncoder());
    }

    private static final class FrameDecoder extends ByteToMessageDecoder {
        private final LhhtttDecoder frames = new LhhtttDecoder(Lhhttt.DEFAULT_MAX_TEXT_BYTES);
        private final boolean node;

        FrameDecoder(boolean node) {
            this.node = node;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            byte[] chunk = new byte[in.readableBytes()];
            in.readBytes(chunk);
            try {
                out.addAll(frames.feed(ByteBuffer.wrap(chunk)));
            } catch (ArroyoDecodeException e) {
                if (!node) {
                    throw e;
                }
                byte[] reply = Lhhttt.encode(QueueNodeProcessor.ERROR + "malformed LHHTTT frame: " + e.getMessage());
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
