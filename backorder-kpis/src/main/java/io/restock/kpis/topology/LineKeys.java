package io.restock.kpis.topology;

/** The key of an order line in {@code line-tracks}: {@code <length of orderId>:<orderId>/<lineId>}, unambiguous whatever the ids hold. */
final class LineKeys {

    private LineKeys() {
    }

    static String of(final String orderId, final String lineId) {
        return orderId.length() + ":" + orderId + "/" + lineId;
    }
}
