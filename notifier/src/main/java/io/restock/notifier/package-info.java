/**
 * Customers told the truth about their lines, once, over email or webhook.
 *
 * <p>Not built yet: this module is a shell until its issue lands. See docs/ARCHITECTURE.md.
 */
package io.restock.notifier;
