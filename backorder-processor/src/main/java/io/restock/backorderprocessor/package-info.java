/**
 * Purchase orders and delivery promises from the per-SKU backorder book (Kafka Streams, exactly-once).
 *
 * <p>Not built yet: this module is a shell until its issue lands. See docs/ARCHITECTURE.md.
 */
package io.restock.backorderprocessor;
