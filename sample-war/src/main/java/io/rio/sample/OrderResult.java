package io.rio.sample;

/**
 * Output of {@link Orders#place}: the order id, the id of the inserted {@link OrderRow} and the
 * charge confirmation. A mutable JavaBean so that JSON-B can bind it.
 */
public class OrderResult {
    private String orderId;
    private long rowId;
    private String charge;

    public OrderResult() {
    }

    public OrderResult(String orderId, long rowId, String charge) {
        this.orderId = orderId;
        this.rowId = rowId;
        this.charge = charge;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public long getRowId() {
        return rowId;
    }

    public void setRowId(long rowId) {
        this.rowId = rowId;
    }

    public String getCharge() {
        return charge;
    }

    public void setCharge(String charge) {
        this.charge = charge;
    }
}
