package io.restock.backorder.plan;

/**
 * The SKU policy terms the plan uses.
 *
 * @param handlingDays    days from stock in the warehouse to shipped, added to every date
 * @param dropShipAllowed whether a supplier may ship this SKU straight to a customer
 * @param targetLevel     the inventory position replenishment aims at; above it, supply is surplus
 * @param maxWaitDays     the SKU's longest accepted wait, or null; sets the need-by date for new supply
 */
public record Terms(int handlingDays, boolean dropShipAllowed, int targetLevel, Integer maxWaitDays) {
}
