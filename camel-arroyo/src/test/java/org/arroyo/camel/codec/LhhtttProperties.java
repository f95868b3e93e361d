package org.arroyo.camel.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** stream-py's LHHTTT framing gives back every text, alone or streamed in any chunking. */
class LhhtttProperties {

    @Provide
    Arbitrary<String> texts() {
        return ArroyoArbitraries.texts();
    }

    @Provide
    Arbitrary<List<String>> textLists() {
        return ArroyoArbitraries.unicodeText(30).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void decodesWhatItEncodesAndReencodesTheSameFrame(@ForAll("texts") String text, @ForAll BufferKind kind) {
        byte[] frame = Lhhttt.encode(text);

        String decoded = Lhhttt.decode(kind.of(frame));

        assertThat(decoded).isEqualTo(text);
        assertThat(Lhhttt.encode(decoded)).isEqualTo(frame);
    }

    @Property(tries = 300)
    void streamingDecoderGivesBackAllTextsInOrderWhateverTheChunking(@ForAll("textLists") List<String> texts,
            @ForAll Random random) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        texts.forEach(text -> stream.writeBytes(Lhhttt.encode(text)));
        byte[] bytes = stream.toByteArray();
        LhhtttDecoder decoder = new LhhtttDecoder(Lhhttt.DEFAULT_MAX_TEXT_BYTES);

        List<String> decoded = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int chunk = Math.min(bytes.length - at, random.nextInt(random.nextBoolean() ? 4 : 200));
            decoded.addAll(decoder.feed(ByteBuffer.wrap(bytes, at, chunk)));
            at += chunk;
        }

        assertThat(decoded).isEqualTo(texts);
        assertThat(decoder.pendingBytes()).isZero();
    }
}
