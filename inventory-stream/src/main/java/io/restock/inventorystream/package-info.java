/**
 * The allocation engine: one writer per SKU decides who gets stock (Kafka Streams, exactly-once).
 *
 * <p>Not built yet: this module is a shell until its issue lands. See docs/ARCHITECTURE.md.
 */
package io.restock.inventorystream;
