package io.restock.orderintake.shops;

/** What the Kafka entrance needs to know of the shop an event names: whether it exists and its maximum wait. */
public interface ShopRules {

    boolean isKnown(String shopId);

    /** The shop's maximum wait in days, or null (none, or no such shop). */
    Integer maxWaitDays(String shopId);
}
