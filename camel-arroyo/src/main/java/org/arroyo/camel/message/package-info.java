/**
 * Arroyo messages, what an operator reads and writes: a run is a {@link org.arroyo.camel.message.Start}, any number of
 * {@link org.arroyo.camel.message.Event}s (metadata and a payload, usually an {@link org.arroyo.camel.message.NdArray}
 * frame) and a {@link org.arroyo.camel.message.Stop}.
 *
 * <p>Messages are immutable. Their maps keep the sender's key order and hold only Arroyo values: {@code null},
 * {@code Boolean}, {@code Long} ({@code BigInteger} above {@code Long.MAX_VALUE}), {@code Double} ({@code Float} for
 * float32 on the wire), {@code String}, {@code ByteBuffer} (binary, read-only), {@code List} and {@code Map} with
 * string keys. A map given to a message is copied in its iteration order; nested lists and maps are copied too,
 * {@code byte[]} becomes a read-only {@code ByteBuffer} of a copy, a {@code ByteBuffer} a read-only view of its
 * remaining bytes, {@code Integer}, {@code Short} and {@code Byte} become {@code Long}; any other value is refused with
 * an {@code IllegalArgumentException}. Maps and lists taken from another message are shared, not copied again.
 */
package org.arroyo.camel.message;
