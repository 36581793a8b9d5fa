package io.rio.sample;

/**
 * Input of {@link Orders#place}: which order, what and for how much (in cents).
 * A mutable JavaBean so that JSON-B can bind it.
 */
public class OrderRequest {
    private String orderId;
    private String item;
    private long amountCents;

    public OrderRequest() {
    }

    public OrderRequest(String orderId, String item, long amountCents) {
        this.orderId = orderId;
        this.item = item;
        this.amountCents = amountCents;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }
}
