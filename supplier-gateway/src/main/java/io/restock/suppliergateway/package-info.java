/**
 * Purchase orders out to suppliers (Kafka topic or signed webhook), supplier answers in over HTTP.
 *
 * <p>Not built yet: this module is a shell until its issue lands. See docs/ARCHITECTURE.md.
 */
package io.restock.suppliergateway;
