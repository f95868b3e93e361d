package org.arroyo.camel.message;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Element types are named and spelled as numpy names and spells them. */
class DTypeTest {

    /** For each dtype name: numpy's little- and big-endian type strings, how str() spells big-endian, the item size. */
    private static final String NUMPY_SPELLINGS = """
            import sys, numpy
            for name in sys.stdin.read().split():
                little, big = numpy.dtype(name).newbyteorder('<'), numpy.dtype(name).newbyteorder('>')
                print(name, little.str, big.str, str(big), little.itemsize)
            """;

    @Test
    void namesTypeStringsAndSizesAreNumpys() {
        String names = Arrays.stream(DType.values()).map(DType::numpyName).collect(Collectors.joining(" "));

        List<String> numpy = PythonPeer.run(NUMPY_SPELLINGS, names, "python3-numpy");

        List<String> ours = Arrays.stream(DType.values()).map(type -> String.join(" ", type.numpyName(),
                type.typeString(ByteOrder.LITTLE_ENDIAN), type.typeString(ByteOrder.BIG_ENDIAN),
                type.numpySpelling(ByteOrder.BIG_ENDIAN), String.valueOf(type.itemSize()))).toList();
        assertThat(ours).isEqualTo(numpy);
    }

    @Test
    void typeStringsStateTheByteOrderExceptForSingleBytes() {
        assertThat(DType.UINT16.typeString(ByteOrder.LITTLE_ENDIAN)).isEqualTo("<u2");
        assertThat(DType.FLOAT32.typeString(ByteOrder.BIG_ENDIAN)).isEqualTo(">f4");
        assertThat(DType.UINT8.typeString(ByteOrder.BIG_ENDIAN)).isEqualTo("|u1");
        assertThat(DType.FLOAT16.numpySpelling(ByteOrder.LITTLE_ENDIAN)).isEqualTo("float16");
        assertThat(DType.INT64.numpySpelling(ByteOrder.BIG_ENDIAN)).isEqualTo(">i8");
    }

    @Test
    void everySpellingReadsBackAsItsTypeAndOrder() {
        for (DType type : DType.values()) {
            for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                for (String spelling : List.of(type.typeString(order), type.numpySpelling(order))) {
                    assertThat(DType.fromNumpy(spelling)).as(spelling).isEqualTo(type);
                    assertThat(DType.byteOrderOf(spelling)).as(spelling)
                            .isEqualTo(type.itemSize() > 1 ? order : DType.byteOrderOf(type.numpyName()));
                }
            }
        }
        assertThat(DType.fromNumpy("=i4")).isEqualTo(DType.INT32);
        assertThat(DType.byteOrderOf("=i4")).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void anUnsupportedDtypeIsRefusedByName() {
        for (String dtype : List.of("complex64", "<c8", "float128", "", "<", "U16", "<u3")) {
            assertThatIllegalArgumentException().isThrownBy(() -> DType.fromNumpy(dtype))
                    .withMessage("unsupported dtype '" + dtype + "'");
        }
    }
}
