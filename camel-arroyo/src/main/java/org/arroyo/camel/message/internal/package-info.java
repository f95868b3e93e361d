/**
 * Not API: how the messages of {@link org.arroyo.camel.message} hold their values, shared with the codecs so that
 * decoding fills the messages' immutable maps directly. {@link org.arroyo.camel.message.internal.MapBuilder} builds
 * those maps, {@link org.arroyo.camel.message.internal.Values} freezes and describes values,
 * {@link org.arroyo.camel.message.internal.ArrayField} records where an event's array sits on the wire. These may
 * change in any release; operators use the message classes only.
 */
package org.arroyo.camel.message.internal;
