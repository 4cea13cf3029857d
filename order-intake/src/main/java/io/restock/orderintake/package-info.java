/**
 * The shops' front door: orders and cancellations over HTTP and as JSON events, and each line's status.
 *
 * <p>Not built yet: this module is a shell until its issue lands. See docs/ARCHITECTURE.md.
 */
package io.restock.orderintake;
